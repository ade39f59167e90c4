namespace Optimize.Hosting;

/// <summary>An HTTP-shaped answer of an application service: the Function maps it to an <c>IActionResult</c> one to one.</summary>
/// <param name="StatusCode">HTTP status.</param>
/// <param name="Body">JSON-serializable body.</param>
public sealed record ApiResult(int StatusCode, object Body)
{
    /// <summary>200 with a body.</summary>
    public static ApiResult Ok(object body) => new(200, body);

    /// <summary>202 with a body.</summary>
    public static ApiResult Accepted(object body) => new(202, body);

    /// <summary>400 with an error message.</summary>
    public static ApiResult BadRequest(string error) => new(400, new ApiError(error));

    /// <summary>401: who calls is not known (no authenticated principal where one is required).</summary>
    public static ApiResult Unauthorized(string error) => new(401, new ApiError(error));

    /// <summary>403: the caller is known but may not do this (a body <c>by</c> that is not the principal).</summary>
    public static ApiResult Forbidden(string error) => new(403, new ApiError(error));

    /// <summary>404 with an error message.</summary>
    public static ApiResult NotFound(string error) => new(404, new ApiError(error));

    /// <summary>409 with an error message.</summary>
    public static ApiResult Conflict(string error) => new(409, new ApiError(error));

    /// <summary>413: the body is larger than accepted.</summary>
    public static ApiResult PayloadTooLarge(string error) => new(413, new ApiError(error));

    /// <summary>422 with an error message (understood, but refused: out of scope, mode off).</summary>
    public static ApiResult Unprocessable(string error) => new(422, new ApiError(error));
}

/// <summary>An error body.</summary>
/// <param name="Error">What is wrong, for people.</param>
public sealed record ApiError(string Error);
