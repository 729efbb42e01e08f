using System.Text;
using System.Text.Encodings.Web;
using Cordon.Application.Members;
using Cordon.Server.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Cordon.Server.Federation;

/// <summary>
/// TAXII authentication: HTTP Basic (user name: the organisation id; password: one of its API keys), which TAXII 2.1
/// requires servers to support, or <c>Authorization: Bearer &lt;API key&gt;</c>. Refusals are TAXII error resources.
/// </summary>
public sealed class TaxiiAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyAuthenticator authenticator)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Taxii";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
        {
            return AuthenticateResult.NoResult();
        }
        string key;
        Guid? organisation = null;
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            key = header["Bearer ".Length..].Trim();
        }
        else if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase) && Decode(header["Basic ".Length..].Trim()) is var (user, password))
        {
            if (!Guid.TryParse(user, out var id))
            {
                return AuthenticateResult.Fail("The user name must be the organisation id.");
            }
            organisation = id;
            key = password;
        }
        else
        {
            return AuthenticateResult.Fail("Use HTTP Basic (organisation id and API key) or Bearer.");
        }
        var check = await authenticator.AuthenticateAsync(key, Context.Connection.RemoteIpAddress, Context.RequestAborted);
        if (check.Caller is not { } caller || (organisation is { } expected && caller.OrganisationId != expected))
        {
            return Auth.TooManyKeys.Fail(Context, check, "The credentials are unknown or revoked.");
        }
        return AuthenticateResult.Success(new AuthenticationTicket(RequestCaller.Principal(Context, caller, SchemeName), SchemeName));
    }

    private static (string User, string Password)? Decode(string encoded)
    {
        if (encoded.Length > 1024)
        {
            return null;
        }
        var buffer = new byte[encoded.Length];
        if (!Convert.TryFromBase64String(encoded, buffer, out var length))
        {
            return null;
        }
        var text = Encoding.UTF8.GetString(buffer, 0, length);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? null : (text[..colon], text[(colon + 1)..]);
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Auth.TooManyKeys.RetryAfter(Context) is { } wait)
        {
            Response.Headers.RetryAfter = wait;
            await TaxiiMedia.WriteErrorAsync(Response, StatusCodes.Status429TooManyRequests, "Too many bad credentials.",
                "Too many unknown keys came from your address; wait before trying again.");
            return;
        }
        Response.Headers.WWWAuthenticate = "Basic realm=\"cordon\", Bearer";
        await TaxiiMedia.WriteErrorAsync(Response, StatusCodes.Status401Unauthorized, "Authentication required.",
            "Use HTTP Basic with your organisation id and an API key, or Authorization: Bearer <key>.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        TaxiiMedia.WriteErrorAsync(Response, StatusCodes.Status403Forbidden, "Forbidden.",
            Auth.RefusalWriter.Refusal.Of(Context, "Your key's roles do not allow this."));
}
