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
    LockedOut,
}

/// <summary>
/// Console sign-in: the framework's salted password hash, a lockout of <see cref="LockoutMinutes"/> minutes after
/// <see cref="MaxFailures"/> failures in a row, and an audit record for each success and each failure of a known user.
/// </summary>
public sealed class UserSignIn(CordonDb db, AuditLog audit, TimeProvider clock)
{
    public const int MaxFailures = 5;
    public const int LockoutMinutes = 15;
    private static readonly PasswordHasher<User> Passwords = new();

    public async Task<(Actor? Actor, User? User, SignInRefusal Refusal)> SignInAsync(string? email, string? password,
        CancellationToken cancellationToken = default)
    {
        var normalised = email?.Trim().ToLowerInvariant() ?? "";
        if (normalised.Length is 0 or > 254 || password is null || password.Length > 256)
        {
            return (null, null, SignInRefusal.WrongEmailOrPassword);
        }
        var user = await db.Users.SingleOrDefaultAsync(u => u.Email == normalised, cancellationToken);
        if (user is null || user.DisabledAt is not null || user.PasswordHash is null)
        {
            // Hash anyway, so that an unknown email takes as long as a wrong password.
            Passwords.HashPassword(new User { Email = "", DisplayName = "" }, password);
            return (null, null, SignInRefusal.WrongEmailOrPassword);
        }
        var now = clock.GetUtcNow();
        if (user.LockedUntil > now)
        {
            return (null, null, SignInRefusal.LockedOut);
        }
        var organisation = await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == user.OrganisationId, cancellationToken);
        var actor = new Actor(user.OrganisationId, ActorKind.User, user.Id.ToString("D"), user.RoleFlags, organisation.IsNodeOperator);
        var verified = Passwords.VerifyHashedPassword(user, user.PasswordHash, password) != PasswordVerificationResult.Failed;
        return await audit.WriteAsync(actor, () =>
        {
            if (verified)
            {
                user.FailedSignIns = 0;
                user.LockedUntil = null;
                return Task.FromResult(new AuditedChange<(Actor?, User?, SignInRefusal)>((actor, user, SignInRefusal.None), "user.sign_in", "user", [user.Id]));
            }
            user.FailedSignIns++;
            var locked = user.FailedSignIns >= MaxFailures;
            if (locked)
            {
                user.LockedUntil = now.AddMinutes(LockoutMinutes);
                user.FailedSignIns = 0;
            }
            return Task.FromResult(new AuditedChange<(Actor?, User?, SignInRefusal)>(
                (null, null, locked ? SignInRefusal.LockedOut : SignInRefusal.WrongEmailOrPassword), "user.sign_in_failed", "user", [user.Id],
                new { Locked = locked }));
        }, cancellationToken);
    }
}
