using Cordon.Application.Members;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;

namespace Cordon.Server.Auth;

/// <summary>
/// A request whose address sent too many bad keys: authentication fails without looking at its key, and the challenge
/// answers 429 with <c>Retry-After</c> instead of 401.
/// </summary>
public static class TooManyKeys
{
    private sealed record Throttled(TimeSpan Wait);

    public static AuthenticateResult Fail(HttpContext http, KeyCheck check, string reason)
    {
        if (check.RetryAfter is { } wait)
        {
            http.Features.Set(new Throttled(wait));
            return AuthenticateResult.Fail("Too many bad keys from this address.");
        }
        return AuthenticateResult.Fail(reason);
    }

    /// <summary>The Retry-After value (whole seconds, at least 1) when the request was throttled.</summary>
    public static string? RetryAfter(HttpContext http) =>
        http.Features.Get<Throttled>() is { } throttled ? Http.RetryAfter.Seconds(throttled.Wait) : null;

    /// <summary>Writes the 429 problem when the request was throttled; false when it was not.</summary>
    public static async Task<bool> WriteAsync(HttpContext http, IProblemDetailsService problems)
    {
        if (RetryAfter(http) is not { } wait)
        {
            return false;
        }
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = wait;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many bad keys.",
                Detail = $"Too many unknown API keys came from your address; wait {wait} seconds before trying again.",
            },
        });
        return true;
    }
}
