namespace Cordon.Core.Members;

/// <summary>What a user or API key may do. A principal may hold several roles.</summary>
public enum Role
{
    /// <summary>Reads what its organisation may see.</summary>
    Viewer,
    /// <summary>Publishes and edits indicators, cases and bulletins.</summary>
    Analyst,
    /// <summary>Answers and sends response requests.</summary>
    Responder,
    /// <summary>Manages its organisation's users and keys; on the node operator's organisation, the whole node.</summary>
    Admin,
}

/// <summary>A set of roles stored as bit flags.</summary>
public static class RoleSet
{
    public static int ToFlags(IEnumerable<Role> roles) => roles.Aggregate(0, (flags, role) => flags | (1 << (int)role));

    public static IReadOnlyList<Role> FromFlags(int flags) =>
        Enum.GetValues<Role>().Where(role => (flags & (1 << (int)role)) != 0).ToArray();

    /// <summary>Admin implies every other role; any role implies viewer.</summary>
    public static bool Grants(int flags, Role required)
    {
        if ((flags & (1 << (int)Role.Admin)) != 0)
        {
            return true;
        }
        return required == Role.Viewer ? flags != 0 : (flags & (1 << (int)required)) != 0;
    }
}
