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
    /// <summary>Holds the role (admin implies every role); what a role permits is <see cref="Permissions"/>' table.</summary>
    public bool Has(Role role) => RoleSet.Grants(RoleFlags, role);
}

/// <summary>
/// An authenticated caller: who acts (<see cref="Actor"/>) and what it may see (<see cref="Sharing.Viewer"/>), resolved
/// together once per request; every service that reads marked data takes it.
/// </summary>
public sealed record Caller(Actor Actor, Sharing.Viewer Viewer)
{
    public Guid OrganisationId => Actor.OrganisationId;

    /// <summary>A federation peer's credential: it reaches TAXII and screening only, under the peer's sharing rules.</summary>
    public bool IsPeer => Viewer.IsPeer;
}
