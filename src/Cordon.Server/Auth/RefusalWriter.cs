using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Cordon.Server.Auth;

/// <summary>
/// Keeps the permission table's refusal on the request, so that each scheme's 403 (problem details, a TAXII error, the
/// console) can say why, then lets the framework answer as it would.
/// </summary>
public sealed class RefusalWriter : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler framework = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden && authorizeResult.AuthorizationFailure?.FailureReasons.FirstOrDefault() is { } reason)
        {
            context.Features.Set(new Refusal(reason.Message));
        }
        return framework.HandleAsync(next, context, policy, authorizeResult);
    }

    /// <summary>Why the request was refused, in the words of the permission table.</summary>
    public sealed record Refusal(string Reason)
    {
        public static string Of(HttpContext http, string otherwise) => http.Features.Get<Refusal>()?.Reason ?? otherwise;
    }
}
