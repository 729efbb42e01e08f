namespace Cordon.Application.Members;

/// <summary>An organisation's API key. Only a lookup prefix and a salted hash of the key are kept.</summary>
public sealed class ApiKey
{
    public Guid Id { get; set; }
    public Guid OrganisationId { get; set; }
    public required string Name { get; set; }
    public int RoleFlags { get; set; }
    public required string Prefix { get; set; }
    public required byte[] Salt { get; set; }
    public required byte[] Hash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}
