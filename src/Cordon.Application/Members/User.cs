namespace Cordon.Application.Members;

public sealed class User
{
    public Guid Id { get; set; }
    public Guid OrganisationId { get; set; }
    /// <summary>Lower-cased; unique on the node.</summary>
    public required string Email { get; set; }
    public required string DisplayName { get; set; }
    public int RoleFlags { get; set; }
    /// <summary>The framework password hasher's salted hash; null until a password is set.</summary>
    public string? PasswordHash { get; set; }
    public int FailedSignIns { get; set; }
    public DateTimeOffset? LockedUntil { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DisabledAt { get; set; }
}
