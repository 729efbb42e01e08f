namespace Cordon.Application.Members;

/// <summary>A named set of organisations that items can be shared with.</summary>
public sealed class Community
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public List<CommunityMember> Members { get; set; } = [];
}

public sealed class CommunityMember
{
    public Guid CommunityId { get; set; }
    public Guid OrganisationId { get; set; }
}
