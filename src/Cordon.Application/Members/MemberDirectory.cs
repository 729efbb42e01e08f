using Cordon.Application.Audit;
using Cordon.Application.Data;
using Cordon.Core.Errors;
using Cordon.Core.Members;
using Cordon.Core.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Cordon.Application.Members;

/// <summary>An API key just issued: the secret is returned this once and never stored.</summary>
public sealed record IssuedKey(ApiKey Key, string Secret);

/// <summary>Organisations, communities, users and API keys, each change audited.</summary>
public sealed class MemberDirectory(CordonDb db, AuditLog audit, TimeProvider clock, ApiKeyCache? keyCache = null)
{
    private static readonly PasswordHasher<User> Passwords = new();

    public async Task<Organisation> CreateOrganisationAsync(Actor actor, string? name, Sector? sector, string? country,
        bool isNodeOperator = false, CancellationToken cancellationToken = default)
    {
        actor.Demand(Permission.OperateNode);
        var organisation = new Organisation
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()),
            Name = InputText.Required(name, "name"),
            Sector = InputText.Required(sector, "sector"),
            Country = Countries.Normalise(country)
                      ?? throw new InvalidInputException("country", "must be an ISO 3166-1 alpha-2 code, e.g. GB."),
            IsNodeOperator = isNodeOperator,
            CreatedAt = clock.GetUtcNow(),
        };
        await EnsureUniqueAsync(db.Organisations.AnyAsync(o => o.Name == organisation.Name, cancellationToken),
            "An organisation with this name exists.");
        return await audit.WriteAsync(actor, () =>
        {
            db.Organisations.Add(organisation);
            return Task.FromResult(new AuditedChange<Organisation>(organisation, "organisation.create", "organisation",
                [organisation.Id], new { organisation.Name, Sector = organisation.Sector.ToString(), organisation.Country }));
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<Organisation>> ListOrganisationsAsync(CancellationToken cancellationToken = default) =>
        await db.Organisations.AsNoTracking().OrderBy(o => o.Name).ToListAsync(cancellationToken);

    public async Task<Organisation> GetOrganisationAsync(Guid id, CancellationToken cancellationToken = default) =>
        await db.Organisations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, cancellationToken)
        ?? throw new NotFoundException("organisation");

    public async Task<IssuedKey> CreateKeyAsync(Actor actor, Guid organisationId, string? name, IReadOnlyList<Role>? roles,
        string? presetSecret = null, CancellationToken cancellationToken = default)
    {
        actor.DemandAdministers(organisationId);
        await GetOrganisationAsync(organisationId, cancellationToken);
        var roleFlags = RoleFlags(roles);
        var secret = presetSecret ?? ApiKeySecret.Generate();
        if (!ApiKeySecret.HasPlausibleShape(secret))
        {
            throw new InvalidInputException("key",
                $"must be {ApiKeySecret.MinimumLength} to {ApiKeySecret.MaximumLength} printable ASCII characters.");
        }
        var salt = ApiKeySecret.NewSalt();
        var key = new ApiKey
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()),
            OrganisationId = organisationId,
            Name = InputText.Required(name, "name"),
            RoleFlags = roleFlags,
            Prefix = ApiKeySecret.LookupPrefix(secret),
            Salt = salt,
            Hash = ApiKeySecret.Hash(secret, salt),
            CreatedAt = clock.GetUtcNow(),
        };
        await audit.WriteAsync(actor, () =>
        {
            db.ApiKeys.Add(key);
            return Task.FromResult(new AuditedChange<ApiKey>(key, "key.create", "api_key", [key.Id, organisationId],
                new { key.Name, Roles = RoleSet.FromFlags(roleFlags).Select(r => r.ToString().ToLowerInvariant()) }));
        }, cancellationToken);
        return new IssuedKey(key, secret);
    }

    public async Task<ApiKey> RevokeKeyAsync(Actor actor, Guid keyId, CancellationToken cancellationToken = default)
    {
        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == keyId, cancellationToken);
        if (key is null || !actor.MayAdminister(key.OrganisationId))
        {
            // An outsider learns nothing about keys of other organisations, not even that they exist.
            throw new NotFoundException("key");
        }
        if (key.RevokedAt is not null)
        {
            throw new ConflictException("The key is already revoked.");
        }
        var revoked = await audit.WriteAsync(actor, () =>
        {
            key.RevokedAt = clock.GetUtcNow();
            return Task.FromResult(new AuditedChange<ApiKey>(key, "key.revoke", "api_key", [key.Id, key.OrganisationId]));
        }, cancellationToken);
        keyCache?.Evict(key.Id);
        return revoked;
    }

    public async Task<IReadOnlyList<ApiKey>> ListKeysAsync(Actor actor, Guid organisationId,
        CancellationToken cancellationToken = default)
    {
        actor.DemandAdministers(organisationId);
        return await db.ApiKeys.AsNoTracking().Where(k => k.OrganisationId == organisationId)
            .OrderBy(k => k.CreatedAt).ToListAsync(cancellationToken);
    }

    public async Task<Community> CreateCommunityAsync(Actor actor, string? name, IReadOnlyList<Guid>? members,
        CancellationToken cancellationToken = default)
    {
        actor.Demand(Permission.OperateNode);
        var community = new Community
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()),
            Name = InputText.Required(name, "name"),
            CreatedAt = clock.GetUtcNow(),
        };
        var memberIds = (members ?? []).Distinct().ToList();
        if (memberIds.Count > 10_000)
        {
            throw new InvalidInputException("members", "must list at most 10000 organisations.");
        }
        var known = await db.Organisations.Where(o => memberIds.Contains(o.Id)).Select(o => o.Id).ToListAsync(cancellationToken);
        var unknown = memberIds.Except(known).FirstOrDefault();
        if (unknown != Guid.Empty)
        {
            throw new InvalidInputException("members", $"organisation {unknown} does not exist.");
        }
        await EnsureUniqueAsync(db.Communities.AnyAsync(c => c.Name == community.Name, cancellationToken),
            "A community with this name exists.");
        community.Members = memberIds.Select(id => new CommunityMember { CommunityId = community.Id, OrganisationId = id }).ToList();
        var created = await audit.WriteAsync(actor, () =>
        {
            db.Communities.Add(community);
            return Task.FromResult(new AuditedChange<Community>(community, "community.create", "community",
                [community.Id, .. memberIds], new { community.Name }));
        }, cancellationToken);
        keyCache?.Clear(); // cached callers carry their communities
        return created;
    }

    /// <summary>The node operator sees every community; a member sees the communities it belongs to.</summary>
    public async Task<IReadOnlyList<Community>> ListCommunitiesAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        var query = db.Communities.AsNoTracking().Include(c => c.Members).AsQueryable();
        if (!actor.IsNodeOperator)
        {
            query = query.Where(c => c.Members.Any(m => m.OrganisationId == actor.OrganisationId));
        }
        return await query.OrderBy(c => c.Name).ToListAsync(cancellationToken);
    }

    public async Task<Community> SetCommunityMembershipAsync(Actor actor, Guid communityId, Guid organisationId, bool member,
        CancellationToken cancellationToken = default)
    {
        actor.Demand(Permission.OperateNode);
        var community = await db.Communities.Include(c => c.Members).SingleOrDefaultAsync(c => c.Id == communityId, cancellationToken)
                        ?? throw new NotFoundException("community");
        await GetOrganisationAsync(organisationId, cancellationToken);
        var existing = community.Members.SingleOrDefault(m => m.OrganisationId == organisationId);
        if (member == (existing is not null))
        {
            return community;
        }
        var changed = await audit.WriteAsync(actor, () =>
        {
            if (existing is null)
            {
                community.Members.Add(new CommunityMember { CommunityId = community.Id, OrganisationId = organisationId });
            }
            else
            {
                community.Members.Remove(existing);
            }
            return Task.FromResult(new AuditedChange<Community>(community, member ? "community.add_member" : "community.remove_member",
                "community", [community.Id, organisationId]));
        }, cancellationToken);
        keyCache?.Clear(); // cached callers carry their communities
        return changed;
    }

    public async Task<User> CreateUserAsync(Actor actor, Guid organisationId, string? email, string? displayName,
        IReadOnlyList<Role>? roles, string? password, CancellationToken cancellationToken = default)
    {
        actor.DemandAdministers(organisationId);
        await GetOrganisationAsync(organisationId, cancellationToken);
        var user = new User
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()),
            OrganisationId = organisationId,
            Email = Email(email),
            DisplayName = InputText.Required(displayName, "displayName"),
            RoleFlags = RoleFlags(roles),
            CreatedAt = clock.GetUtcNow(),
        };
        if (password is not null)
        {
            if (password.Length is < 12 or > 256)
            {
                throw new InvalidInputException("password", "must be 12 to 256 characters.");
            }
            user.PasswordHash = Passwords.HashPassword(user, password);
        }
        await EnsureUniqueAsync(db.Users.AnyAsync(u => u.Email == user.Email, cancellationToken), "A user with this email exists.");
        return await audit.WriteAsync(actor, () =>
        {
            db.Users.Add(user);
            return Task.FromResult(new AuditedChange<User>(user, "user.create", "user", [user.Id, organisationId],
                new { Roles = RoleSet.FromFlags(user.RoleFlags).Select(r => r.ToString().ToLowerInvariant()) }));
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<User>> ListUsersAsync(Actor actor, Guid organisationId, CancellationToken cancellationToken = default)
    {
        actor.DemandAdministers(organisationId);
        return await db.Users.AsNoTracking().Where(u => u.OrganisationId == organisationId).OrderBy(u => u.Email)
            .ToListAsync(cancellationToken);
    }

    private static int RoleFlags(IReadOnlyList<Role>? roles)
    {
        if (roles is null || roles.Count == 0)
        {
            throw new InvalidInputException("roles", "must name at least one of viewer, analyst, responder, admin.");
        }
        return RoleSet.ToFlags(roles);
    }

    private static string Email(string? value)
    {
        var email = InputText.Required(value, "email", 254).ToLowerInvariant();
        var at = email.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at != email.LastIndexOf('@') || at == email.Length - 1 || email.Any(char.IsWhiteSpace))
        {
            throw new InvalidInputException("email", "must be an email address.");
        }
        return email;
    }

    private static async Task EnsureUniqueAsync(Task<bool> exists, string conflict)
    {
        if (await exists)
        {
            throw new ConflictException(conflict);
        }
    }
}
