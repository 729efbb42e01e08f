using System.Text.Encodings.Web;
using Cordon.Application.Members;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Cordon.Server.Auth;

/// <summary>Authenticates <c>Authorization: Bearer &lt;API key&gt;</c>; answers 401/403 as problem details.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyAuthenticator authenticator,
    IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
        {
            return AuthenticateResult.NoResult();
        }
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.Fail("Use Authorization: Bearer <key>.");
        }
        var check = await authenticator.AuthenticateAsync(header["Bearer ".Length..].Trim(), Context.Connection.RemoteIpAddress, Context.RequestAborted);
        if (check.Caller is not { } caller)
        {
            return TooManyKeys.Fail(Context, check, "The key is unknown or revoked.");
        }
        return AuthenticateResult.Success(new AuthenticationTicket(RequestCaller.Principal(Context, caller, SchemeName), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (await TooManyKeys.WriteAsync(Context, problems))
        {
            return;
        }
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = "Authentication required.",
                Detail = "Send a valid, unrevoked API key as Authorization: Bearer <key>.",
            },
        });
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status403Forbidden,
                Title = "Forbidden.",
                Detail = RefusalWriter.Refusal.Of(Context, "The key's roles do not allow this operation."),
            },
        });
    }
}
