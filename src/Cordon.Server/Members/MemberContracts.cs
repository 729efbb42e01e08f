using Cordon.Application.Members;
using Cordon.Core.Members;

namespace Cordon.Server.Members;

public sealed record CreateOrganisationRequest(string? Name, Sector? Sector, string? Country);

public sealed record OrganisationResponse(Guid Id, string Name, Sector Sector, string Country, bool IsNodeOperator, DateTimeOffset CreatedAt)
{
    public static OrganisationResponse From(Organisation o) => new(o.Id, o.Name, o.Sector, o.Country, o.IsNodeOperator, o.CreatedAt);
}

public sealed record CreateKeyRequest(string? Name, List<Role>? Roles);

/// <summary>The only response that ever carries the key itself.</summary>
public sealed record CreatedKeyResponse(Guid Id, Guid OrganisationId, string Name, IReadOnlyList<Role> Roles, string Key, DateTimeOffset CreatedAt);

public sealed record KeyResponse(Guid Id, Guid OrganisationId, string Name, IReadOnlyList<Role> Roles, DateTimeOffset CreatedAt,
    DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt)
{
    public static KeyResponse From(ApiKey k) =>
        new(k.Id, k.OrganisationId, k.Name, RoleSet.FromFlags(k.RoleFlags), k.CreatedAt, k.LastUsedAt, k.RevokedAt);
}

public sealed record CreateCommunityRequest(string? Name, List<Guid>? Members);

public sealed record CommunityResponse(Guid Id, string Name, IReadOnlyList<Guid> Members, DateTimeOffset CreatedAt)
{
    public static CommunityResponse From(Community c) =>
        new(c.Id, c.Name, c.Members.Select(m => m.OrganisationId).Order().ToList(), c.CreatedAt);
}

public sealed record CreateUserRequest(string? Email, string? DisplayName, List<Role>? Roles, string? Password);

public sealed record UserResponse(Guid Id, Guid OrganisationId, string Email, string DisplayName, IReadOnlyList<Role> Roles,
    bool HasPassword, DateTimeOffset CreatedAt)
{
    public static UserResponse From(User u) =>
        new(u.Id, u.OrganisationId, u.Email, u.DisplayName, RoleSet.FromFlags(u.RoleFlags), u.PasswordHash is not null, u.CreatedAt);
}
