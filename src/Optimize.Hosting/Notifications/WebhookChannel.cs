using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Optimize.Hosting.Notifications;

/// <summary>
/// Posts notifications to an incoming-webhook URL as JSON whose <c>text</c> field holds the whole message in Markdown:
/// the payload Slack incoming webhooks and Teams incoming webhooks (Office 365 connector cards) both render. The other
/// fields carry the same facts for machines (a Logic App, an Azure Function, a Power Automate flow).
/// </summary>
public sealed class WebhookChannel : INotificationChannel
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly HttpClient _http;
    private readonly Uri _url;

    /// <summary>Creates the channel.</summary>
    /// <exception cref="ArgumentException">The URL is not absolute http(s).</exception>
    public WebhookChannel(HttpClient http, Uri url)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException($"The notification webhook must be an absolute http(s) URL, not '{url}'.", nameof(url));
        }

        _http = http;
        _url = url;
    }

    /// <summary>The JSON body sent for <paramref name="notification"/>.</summary>
    public static object Payload(Notification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        return new
        {
            text = Markdown(notification),
            kind = notification.Kind.ToString(),
            title = notification.Title,
            reason = notification.Reason,
            changeId = notification.ChangeId,
            resourceId = notification.ResourceId,
            command = notification.Command,
            url = notification.Url,
            expiresAt = notification.ExpiresAt,
        };
    }

    /// <inheritdoc />
    public async Task SendAsync(Notification notification, CancellationToken cancellationToken = default)
    {
        HttpResponseMessage response;
        try
        {
            response = await _http.PostAsJsonAsync(_url, Payload(notification), Json, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new NotificationFailedException($"The notification webhook {_url.Host} could not be reached: {ex.Message}", ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new NotificationFailedException($"The notification webhook {_url.Host} timed out.", ex);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new NotificationFailedException(
                    $"The notification webhook {_url.Host} answered {(int)response.StatusCode} {response.ReasonPhrase}.");
            }
        }
    }

    private static string Markdown(Notification n)
    {
        var text = new StringBuilder();
        text.Append("**Optimize: ").Append(n.Title).Append("**\n\n").Append(n.Reason);
        if (n.ResourceId is not null)
        {
            text.Append("\n\nResource: `").Append(n.ResourceId).Append('`');
        }

        if (n.ExpiresAt is { } expires)
        {
            text.Append("\n\nExpires: ").Append(expires.UtcDateTime.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture));
        }

        if (n.Command is not null)
        {
            text.Append("\n\nAct: `").Append(n.Command).Append('`');
        }

        if (n.Url is not null)
        {
            text.Append("\n\n").Append(n.Url);
        }

        return text.ToString();
    }
}
