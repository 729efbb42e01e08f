namespace Cordon.Core.Members;

/// <summary>How an actor reached the node.</summary>
public enum ActorKind
{
    ApiKey,
    User,
    Cli,
    System,
}

/// <summary>Who is doing something: the organisation, and the key, user or local operator acting for it.</summary>
public sealed record Actor(Guid OrganisationId, ActorKind Kind, string ActorId, int RoleFlags, bool IsNodeOperator)
{
    public bool Has(Role role) => RoleSet.Grants(RoleFlags, role);

    /// <summary>An administrator of the organisation that runs the node.</summary>
    public bool IsNodeAdmin => IsNodeOperator && Has(Role.Admin);

    /// <summary>May administer the given organisation: its own admins, or the node operator's.</summary>
    public bool MayAdminister(Guid organisationId) => IsNodeAdmin || (Has(Role.Admin) && organisationId == OrganisationId);
}
