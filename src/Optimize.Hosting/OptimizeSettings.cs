using System.Text.RegularExpressions;
using Optimize.Policy;

namespace Optimize.Hosting;

/// <summary>
/// The Function App's settings (app settings / environment variables), read and validated once at startup.
/// Every problem is listed, not just the first; the names are the ones in <c>local.settings.sample.json</c> and
/// <c>docs/deploy.md</c>.
/// </summary>
public sealed partial record OptimizeSettings
{
    /// <summary>Policy JSON inline (starts with <c>{</c>) or a file path. Absent: the shipped default (recommend only).</summary>
    public const string PolicySetting = "OPTIMIZE_POLICY";

    /// <summary>NCRONTAB schedule of the nightly pass (six fields), read by the timer binding itself.</summary>
    public const string ScheduleSetting = "OPTIMIZE_NIGHTLY_SCHEDULE";

    /// <summary>Comma-separated subscription ids to inventory.</summary>
    public const string SubscriptionsSetting = "OPTIMIZE_SUBSCRIPTIONS";

    /// <summary>Optional comma-separated resource group names to narrow the inventory.</summary>
    public const string ResourceGroupsSetting = "OPTIMIZE_RESOURCE_GROUPS";

    /// <summary>Journal table endpoint (https://&lt;account&gt;.table.core.windows.net), used with the managed identity.</summary>
    public const string JournalEndpointSetting = "OPTIMIZE_JOURNAL_TABLE_ENDPOINT";

    /// <summary>Journal connection string (local: <c>UseDevelopmentStorage=true</c>); wins over the endpoint when set.</summary>
    public const string JournalConnectionSetting = "OPTIMIZE_JOURNAL_CONNECTION";

    /// <summary>Client id of the user-assigned identity <c>DefaultAzureCredential</c> should use.</summary>
    public const string ClientIdSetting = "AZURE_CLIENT_ID";

    /// <summary>Incoming-webhook URL (Teams, Slack, a Logic App) that notifications are posted to; none when unset.</summary>
    public const string NotifyWebhookSetting = "OPTIMIZE_NOTIFY_WEBHOOK";

    /// <summary>The app's host name, set by App Service itself; notification links point at it.</summary>
    public const string HostNameSetting = "WEBSITE_HOSTNAME";

    /// <summary>Setting: <c>true</c> refuses an approve or reject without an App Service Authentication principal (401).</summary>
    public const string RequirePrincipalSetting = "OPTIMIZE_REQUIRE_PRINCIPAL";

    /// <summary>The validated policy.</summary>
    public required OptimizePolicy Policy { get; init; }

    /// <summary>Setting: a running <c>optimize emulator</c>'s loopback HTTPS address; when set, every Azure call goes there instead
    /// of Azure, with a fixed token (no credential) and the certificate pinned by <see cref="EmulatorPinSetting"/>. Local runs only.</summary>
    public const string EmulatorSetting = "OPTIMIZE_EMULATOR";

    /// <summary>Setting: the emulator's <c>certificateSha256</c> (its first output line); required with <see cref="EmulatorSetting"/>.</summary>
    public const string EmulatorPinSetting = "OPTIMIZE_EMULATOR_PIN";

    /// <summary>The emulator to call instead of Azure (<see cref="EmulatorSetting"/>); null for Azure.</summary>
    public Uri? Emulator { get; init; }

    /// <summary>The emulator's certificate pin (<see cref="EmulatorPinSetting"/>).</summary>
    public string? EmulatorPin { get; init; }

    /// <summary>Subscriptions in scope.</summary>
    public required IReadOnlyList<string> Subscriptions { get; init; }

    /// <summary>Resource groups in scope; empty means all.</summary>
    public required IReadOnlyList<string> ResourceGroups { get; init; }

    /// <summary>Journal table endpoint, when identity-based (null when <see cref="JournalConnection"/> is set).</summary>
    public Uri? JournalEndpoint { get; init; }

    /// <summary>Journal connection string, when not identity-based.</summary>
    public string? JournalConnection { get; init; }

    /// <summary>User-assigned identity client id, if any.</summary>
    public string? ManagedIdentityClientId { get; init; }

    /// <summary>Where notifications go (<see cref="NotifyWebhookSetting"/>); null: none are sent.</summary>
    public Uri? NotifyWebhook { get; init; }

    /// <summary>When true, approve and reject need an App Service Authentication principal (<see cref="RequirePrincipalSetting"/>).</summary>
    public bool RequirePrincipal { get; init; }

    /// <summary>The app's base URL for links in notifications (from <see cref="HostNameSetting"/>); null: no links.</summary>
    public Uri? AppUrl { get; init; }

    /// <summary>Reads and validates the settings.</summary>
    /// <param name="get">Reads one setting (environment variable); null when unset.</param>
    /// <param name="readFile">Reads a policy file (injected for tests).</param>
    /// <returns>The settings, or every problem found.</returns>
    public static SettingsResult Load(Func<string, string?> get, Func<string, string>? readFile = null)
    {
        ArgumentNullException.ThrowIfNull(get);
        readFile ??= File.ReadAllText;
        var errors = new List<string>();

        OptimizePolicy? policy = null;
        var policyText = get(PolicySetting);
        if (string.IsNullOrWhiteSpace(policyText))
        {
            policy = new OptimizePolicy();
        }
        else
        {
            string? json = null;
            if (policyText.TrimStart().StartsWith('{'))
            {
                json = policyText;
            }
            else
            {
                try
                {
                    json = readFile(policyText.Trim());
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    errors.Add($"{PolicySetting}: cannot read policy file '{policyText.Trim()}': {ex.Message}");
                }
            }

            if (json is not null)
            {
                var loaded = PolicyLoader.Load(json);
                if (loaded.Policy is { } p)
                {
                    policy = p;
                }
                else
                {
                    errors.AddRange(loaded.Errors.Select(e => $"{PolicySetting}: {e}"));
                }
            }
        }

        var schedule = get(ScheduleSetting);
        if (!string.IsNullOrWhiteSpace(schedule) && schedule.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).Length != 6)
        {
            errors.Add($"{ScheduleSetting}: '{schedule}' is not a six-field NCRONTAB expression (sec min hour day month weekday), e.g. '0 0 2 * * *'.");
        }

        var subscriptions = SplitList(get(SubscriptionsSetting));
        if (subscriptions.Count == 0)
        {
            errors.Add($"{SubscriptionsSetting}: set at least one subscription id to optimize (comma-separated).");
        }

        foreach (var s in subscriptions.Where(s => !Guid.TryParse(s, out _)))
        {
            errors.Add($"{SubscriptionsSetting}: '{s}' is not a subscription id (a GUID).");
        }

        var groups = SplitList(get(ResourceGroupsSetting));
        foreach (var g in groups.Where(g => !ResourceGroupName().IsMatch(g)))
        {
            errors.Add($"{ResourceGroupsSetting}: '{g}' is not a valid resource group name.");
        }

        // The connection string wins when set (local runs, Azurite); else the endpoint with the managed identity.
        // A malformed endpoint is reported either way.
        Uri? endpoint = null;
        var endpointText = get(JournalEndpointSetting);
        var connection = string.IsNullOrWhiteSpace(get(JournalConnectionSetting)) ? null : get(JournalConnectionSetting);
        if (!string.IsNullOrWhiteSpace(endpointText)
            && (!Uri.TryCreate(endpointText.Trim(), UriKind.Absolute, out endpoint) || endpoint.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add($"{JournalEndpointSetting}: '{endpointText}' is not an https URL (https://<account>.table.core.windows.net).");
            endpoint = null;
        }
        else if (connection is null && string.IsNullOrWhiteSpace(endpointText))
        {
            errors.Add($"{JournalEndpointSetting} or {JournalConnectionSetting}: set one; the journal is required (nothing is changed without a journal entry).");
        }

        if (connection is not null)
        {
            endpoint = null;
        }

        Uri? webhook = null;
        var webhookText = get(NotifyWebhookSetting);
        if (!string.IsNullOrWhiteSpace(webhookText)
            && (!Uri.TryCreate(webhookText.Trim(), UriKind.Absolute, out webhook) || webhook.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add($"{NotifyWebhookSetting}: '{webhookText}' is not an https URL (the incoming webhook of a Teams channel, a Slack app or a Logic App).");
            webhook = null;
        }

        var host = get(HostNameSetting);
        Uri? appUrl = !string.IsNullOrWhiteSpace(host) && Uri.TryCreate("https://" + host.Trim(), UriKind.Absolute, out var app) ? app : null;

        var requireText = get(RequirePrincipalSetting);
        var requirePrincipal = false;
        if (!string.IsNullOrWhiteSpace(requireText) && !bool.TryParse(requireText.Trim(), out requirePrincipal))
        {
            errors.Add($"{RequirePrincipalSetting}: '{requireText}' is not true or false.");
        }

        Uri? emulator = null;
        var emulatorText = get(EmulatorSetting);
        var emulatorPin = get(EmulatorPinSetting);
        if ((!string.IsNullOrWhiteSpace(emulatorText) || !string.IsNullOrWhiteSpace(emulatorPin))
            && EmulatorConnection.Check(emulatorText?.Trim(), emulatorPin?.Trim(), out emulator) is { } emulatorError)
        {
            errors.Add($"{EmulatorSetting}/{EmulatorPinSetting}: {emulatorError.Replace("--emulator-pin", EmulatorPinSetting, StringComparison.Ordinal).Replace("--emulator", EmulatorSetting, StringComparison.Ordinal)}");
        }

        if (errors.Count > 0)
        {
            return new SettingsResult(null, errors);
        }

        return new SettingsResult(
            new OptimizeSettings
            {
                Policy = policy!,
                Subscriptions = subscriptions,
                ResourceGroups = groups,
                JournalEndpoint = endpoint,
                JournalConnection = connection,
                ManagedIdentityClientId = string.IsNullOrWhiteSpace(get(ClientIdSetting)) ? null : get(ClientIdSetting),
                NotifyWebhook = webhook,
                AppUrl = appUrl,
                RequirePrincipal = requirePrincipal,
                Emulator = emulator,
                EmulatorPin = emulator is null ? null : emulatorPin!.Trim(),
            },
            []);
    }

    private static List<string> SplitList(string? value) =>
        string.IsNullOrWhiteSpace(value)
            ? []
            : [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    [GeneratedRegex(@"^[-\w\._\(\)]{1,90}$")]
    private static partial Regex ResourceGroupName();
}

/// <summary>Settings, or the list of problems.</summary>
/// <param name="Settings">Null when invalid.</param>
/// <param name="Errors">Every problem, one sentence each naming the setting.</param>
public sealed record SettingsResult(OptimizeSettings? Settings, IReadOnlyList<string> Errors)
{
    /// <summary>The settings, or an exception listing every problem (what a host does at startup).</summary>
    /// <exception cref="InvalidOperationException">The settings are invalid.</exception>
    public OptimizeSettings GetOrThrow() => Settings ?? throw new InvalidOperationException(
        "Optimize settings are invalid:" + Environment.NewLine + string.Join(Environment.NewLine, Errors.Select(e => "  - " + e)));
}
