using System.Diagnostics.Metrics;
using System.Net;
using Cordon.Application.Audit;
using Cordon.Application.Data;
using Cordon.Core.Members;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Cordon.Application.Members;

/// <summary>Why a sign-in was refused: deliberately the same answer for an unknown email and a wrong password.</summary>
public enum SignInRefusal
{
    None,
    WrongEmailOrPassword,
    /// <summary>Too many failures from this address, or for this account from this address: wait and try again.</summary>
    TooManyAttempts,
}

public sealed record SignInOutcome(Actor? Actor, User? User, SignInRefusal Refusal, TimeSpan? RetryAfter = null);

/// <summary>
/// Console sign-in: the framework's salted password hash, the same answer and the same work for an unknown account as
/// for a wrong password, and guessing slowed per client address and per account from that address
/// (<see cref="GuessThrottle"/>) — never a lock that an attacker could put on someone else's account. An audit record
/// for each success and each failure of a known user; every refusal counted (<c>cordon.auth.refusals</c>).
/// </summary>
public sealed class UserSignIn(CordonDb db, AuditLog audit, GuessThrottle throttle, AuthMetrics metrics)
{
    private static readonly PasswordHasher<User> Passwords = new();

    public async Task<SignInOutcome> SignInAsync(string? email, string? password, IPAddress? client,
        CancellationToken cancellationToken = default)
    {
        var normalised = email?.Trim().ToLowerInvariant() ?? "";
        var address = $"sign-in:{GuessThrottle.Client(client)}";
        var account = $"sign-in:{GuessThrottle.Client(client)}:{normalised}";
        // Counted before the check, so that parallel guesses cannot all pass before the first is counted.
        if ((throttle.Attempt(address, throttle.Free.PasswordsPerAddress) ?? throttle.Attempt(account, throttle.Free.PasswordsPerAccount))
            is { } wait)
        {
            metrics.Refused("password", "throttled");
            return new SignInOutcome(null, null, SignInRefusal.TooManyAttempts, wait);
        }
        if (normalised.Length is 0 or > 254 || password is null || password.Length > 256)
        {
            return Refused();
        }
        var user = await db.Users.SingleOrDefaultAsync(u => u.Email == normalised, cancellationToken);
        var known = user is { DisabledAt: null, PasswordHash: not null };
        // An unknown account does the same work as a known one — a lookup, a hash check, an audit record — so that
        // neither the answer nor its time says which accounts exist.
        var organisation = await db.Organisations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == (known ? user!.OrganisationId : Guid.Empty),
            cancellationToken);
        var verified = known
            ? Passwords.VerifyHashedPassword(user!, user!.PasswordHash!, password) != PasswordVerificationResult.Failed
            : NeverMatches(password);
        var actor = known && organisation is not null
            ? new Actor(user!.OrganisationId, ActorKind.User, user.Id.ToString("D"), user.RoleFlags, organisation.IsNodeOperator)
            : new Actor(Guid.Empty, ActorKind.System, "sign-in", 0, IsNodeOperator: false);
        await audit.WriteAsync(actor, () => Task.FromResult(verified
            ? new AuditedChange<bool>(true, "user.sign_in", "user", [user!.Id])
            : new AuditedChange<bool>(false, "user.sign_in_failed", "user", known ? [user!.Id] : [])), cancellationToken);
        if (!verified)
        {
            return Refused();
        }
        throttle.Succeeded(address);
        throttle.Succeeded(account);
        return new SignInOutcome(actor, user, SignInRefusal.None);
    }

    /// <summary>The same hash check as a known account's, against a hash no password is known for.</summary>
    private static bool NeverMatches(string password)
    {
        Passwords.VerifyHashedPassword(Unknown.User, Unknown.Hash, password);
        return false;
    }

    private SignInOutcome Refused()
    {
        metrics.Refused("password", "wrong");
        return new SignInOutcome(null, null, SignInRefusal.WrongEmailOrPassword);
    }

    /// <summary>A hash made once with the same algorithm and work factor as every user's, never matching a real account.</summary>
    private static class Unknown
    {
        public static readonly User User = new() { Email = "", DisplayName = "" };
        public static readonly string Hash = Passwords.HashPassword(User, Convert.ToBase64String(Guid.NewGuid().ToByteArray()));
    }
}

/// <summary>Counts refused authentications by kind and reason, without any secret or account name.</summary>
public sealed class AuthMetrics(IMeterFactory meters)
{
    private readonly Counter<long> refusals = meters.Create("Cordon").CreateCounter<long>("cordon.auth.refusals",
        description: "Refused sign-ins and API keys, by kind (password, api_key) and reason (wrong, throttled)");

    public void Refused(string kind, string reason) =>
        refusals.Add(1, new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("reason", reason));
}
