using System.Text;

namespace Optimize.Hosting;

/// <summary>
/// Reads a webhook body with a size cap enforced before anything is buffered whole: a declared Content-Length over the
/// cap is refused unread, and a body without one is read at most one byte past the cap. Azure Monitor's common-schema
/// payloads are a few kilobytes; the default cap of 1 MiB leaves room for large log-alert contexts.
/// </summary>
public static class AlertBody
{
    /// <summary>The default cap, in bytes.</summary>
    public const int DefaultMaxBytes = 1024 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The body as text, or why it was refused (413 too large, 400 not UTF-8).</summary>
    /// <param name="body">The request stream.</param>
    /// <param name="declaredLength">Content-Length, when the request declared one.</param>
    /// <param name="maxBytes">The cap.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public static async Task<(string? Text, ApiResult? Refusal)> ReadAsync(Stream body, long? declaredLength, int maxBytes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        if (declaredLength > maxBytes)
        {
            return (null, TooLarge(maxBytes, $"{declaredLength:N0} bytes declared"));
        }

        var buffer = new byte[Math.Min(maxBytes + 1, declaredLength is { } n ? (int)n + 1 : 16 * 1024)];
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (buffer.Length > maxBytes)
                {
                    return (null, TooLarge(maxBytes, "more sent"));
                }

                Array.Resize(ref buffer, Math.Min(maxBytes + 1, buffer.Length * 2));
            }

            var read = await body.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            length += read;
            if (length > maxBytes)
            {
                return (null, TooLarge(maxBytes, "more sent"));
            }
        }

        try
        {
            return (StrictUtf8.GetString(buffer, 0, length), null);
        }
        catch (DecoderFallbackException)
        {
            return (null, ApiResult.BadRequest("The alert payload is not UTF-8 text."));
        }
    }

    private static ApiResult TooLarge(int maxBytes, string what) =>
        ApiResult.PayloadTooLarge($"The alert payload is larger than Optimize accepts ({maxBytes:N0} bytes; {what}). Common-schema alerts are a few kilobytes: check what calls this webhook.");
}
