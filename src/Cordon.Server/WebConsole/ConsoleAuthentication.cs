using System.Globalization;
using System.Security.Claims;
using Cordon.Application.Members;
using Cordon.Core.Members;
using Cordon.Server.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;

namespace Cordon.Server.WebConsole;

/// <summary>Console sign-in with a cookie (HttpOnly, SameSite=Strict, Secure over HTTPS, 8 hours sliding); sign-out; language.</summary>
public static class ConsoleAuthentication
{
    public const string Scheme = "console";

    /// <summary>For a console route outside the Razor pages (a download, a form's target): a signed-in user who may read.</summary>
    public static Microsoft.AspNetCore.Authorization.AuthorizeAttribute Reader() => new() { AuthenticationSchemes = Scheme, Policy = Auth.Policies.Read };

    public static void AddConsoleCookie(this AuthenticationBuilder authentication)
    {
        // A node whose public URL is HTTPS (TLS at a proxy) sends the cookie over HTTPS only, whatever the proxy forwards.
        authentication.Services.AddOptions<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(Scheme).Configure<Hosting.PublicAddress>((options, address) =>
            options.Cookie.SecurePolicy = address.IsHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest);
        authentication.AddCookie(Scheme, options =>
        {
            options.Cookie.Name = "cordon.console";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.LoginPath = "/console/sign-in";
            options.AccessDeniedPath = "/console";
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
            options.Events.OnValidatePrincipal = RequestCaller.ValidateConsolePrincipalAsync;
        });
    }

    public static void MapConsoleAuthentication(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/console/sign-in", SignInAsync).AllowAnonymous().ExcludeFromDescription();
        // The console's scheme authenticates the request (so the form's token, issued to the signed-in user, matches);
        // anyone may still post, so that a stale session can always leave.
        routes.MapPost("/console/sign-out", SignOutAsync)
            .RequireAuthorization(new Microsoft.AspNetCore.Authorization.AuthorizeAttribute { AuthenticationSchemes = Scheme })
            .AllowAnonymous().ExcludeFromDescription();
        routes.MapGet("/console/culture", Culture).AllowAnonymous().ExcludeFromDescription();
    }

    private static async Task<IResult> SignInAsync(HttpContext http, [FromForm] string? email, [FromForm] string? password,
        [FromForm] string? returnUrl, UserSignIn signIn)
    {
        var (actor, user, refusal, retryAfter) = await signIn.SignInAsync(email, password, http.Connection.RemoteIpAddress, http.RequestAborted);
        if (refusal == SignInRefusal.TooManyAttempts)
        {
            // 429 with Retry-After; the status pages show the console's page for it.
            http.Response.Headers.RetryAfter = Http.RetryAfter.Seconds(retryAfter!.Value);
            return Results.StatusCode(StatusCodes.Status429TooManyRequests);
        }
        if (actor is null || user is null)
        {
            return Results.LocalRedirect($"/console/sign-in?error=wrong&returnUrl={Uri.EscapeDataString(LocalOrHome(returnUrl))}");
        }
        var identity = new ClaimsIdentity(
        [
            new Claim(CordonClaims.Organisation, actor.OrganisationId.ToString("D")),
            new Claim(CordonClaims.ActorKind, nameof(ActorKind.User)),
            new Claim(CordonClaims.ActorId, actor.ActorId),
            new Claim(CordonClaims.Roles, actor.RoleFlags.ToString(CultureInfo.InvariantCulture)),
            new Claim(CordonClaims.NodeOperator, actor.IsNodeOperator ? "true" : "false"),
            new Claim(ClaimTypes.Name, user.DisplayName),
            new Claim(ClaimTypes.Email, user.Email),
        ], Scheme);
        await http.SignInAsync(Scheme, new ClaimsPrincipal(identity));
        return Results.LocalRedirect(LocalOrHome(returnUrl));
    }

    private static async Task<IResult> SignOutAsync(HttpContext http, [FromForm] string? unused, Application.Audit.AuditLog audit)
    {
        _ = unused;
        // The route admits anyone (a stale session must still be able to leave); a live session's sign-out is recorded.
        if (http.User.Identity?.AuthenticationType == Scheme && http.User.FindFirst(CordonClaims.ActorId) is { } id)
        {
            await audit.WriteAsync(http.User.ToActor(), () => Task.FromResult(
                new Application.Audit.AuditedChange<bool>(true, "user.sign_out", "user", [Guid.Parse(id.Value)])), http.RequestAborted);
        }
        await http.SignOutAsync(Scheme);
        return Results.LocalRedirect("/console/sign-in");
    }

    private static IResult Culture(HttpContext http, string? name, string? back)
    {
        var culture = name is "zh-Hans" ? "zh-Hans" : "en";
        http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true, MaxAge = TimeSpan.FromDays(365) });
        return Results.LocalRedirect(LocalOrHome(back));
    }

    /// <summary>
    /// Only paths of this console: never an open redirect, and never a control character (a CR or LF would split the
    /// Location header; the framework refuses them, and any non-ASCII character, which must not become a 500).
    /// </summary>
    private static string LocalOrHome(string? url) =>
        url is not null && url.StartsWith("/console", StringComparison.Ordinal) && !url.StartsWith("//", StringComparison.Ordinal)
        && !url.Contains('\\', StringComparison.Ordinal) && url.Length <= 2048 && url.All(c => c is > ' ' and < '\u007f') ? url : "/console";
}
