using Cordon.Core.Errors;

namespace Cordon.Core.Members;

/// <summary>Something an actor may be allowed to do; <see cref="Permissions"/> says who may.</summary>
public enum Permission
{
    /// <summary>Read what the organisation may see: any role.</summary>
    Read,
    /// <summary>Report and maintain indicators, cases and bulletins: analysts.</summary>
    Contribute,
    /// <summary>Send and answer response requests: responders and analysts.</summary>
    Respond,
    /// <summary>Manage an organisation's keys, users and webhooks: its administrators, and the node's.</summary>
    Administer,
    /// <summary>Run the node: organisations, communities, feeds, peers, non-correlating values, the whole audit chain.</summary>
    OperateNode,
}

/// <summary>
/// Who may do what: the one table that endpoint policies, the console and every service (for the CLI too) consult, so
/// that a route, a button and a service call never disagree.
/// </summary>
public static class Permissions
{
    public static bool Grants(this Actor actor, Permission permission) => permission switch
    {
        Permission.Read => actor.Has(Role.Viewer),
        Permission.Contribute => actor.Has(Role.Analyst),
        Permission.Respond => actor.Has(Role.Responder) || actor.Has(Role.Analyst),
        Permission.Administer => actor.Has(Role.Admin),
        Permission.OperateNode => actor.IsNodeOperator && actor.Has(Role.Admin),
        _ => false,
    };

    /// <summary>May administer the given organisation: its own administrators, or the node operator's.</summary>
    public static bool MayAdminister(this Actor actor, Guid organisationId) =>
        actor.Grants(Permission.OperateNode) || (actor.Grants(Permission.Administer) && organisationId == actor.OrganisationId);

    /// <summary>Refuses (403) an actor the table does not grant the permission.</summary>
    public static void Demand(this Actor actor, Permission permission)
    {
        if (!actor.Grants(permission))
        {
            throw new ForbiddenException(Refusal(permission));
        }
    }

    /// <summary>Refuses (403) an actor who may not administer the organisation.</summary>
    public static void DemandAdministers(this Actor actor, Guid organisationId)
    {
        if (!actor.MayAdminister(organisationId))
        {
            throw new ForbiddenException("Only an administrator of this organisation, or of the node, may do this.");
        }
    }

    public static string Refusal(Permission permission) => permission switch
    {
        Permission.Read => "The caller has no role on this node.",
        Permission.Contribute => "Reporting and maintaining indicators, cases and bulletins needs the analyst role.",
        Permission.Respond => "Sending and answering requests needs the responder or analyst role.",
        Permission.Administer => "This needs the admin role.",
        Permission.OperateNode => "Only the node operator's administrators may do this.",
        _ => "Forbidden.",
    };
}
