using Cordon.Core.Members;

namespace Cordon.Application.Members;

public sealed class Organisation
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public Sector Sector { get; set; }
    public required string Country { get; set; }
    /// <summary>The organisation that runs this node; its admins administer the whole node.</summary>
    public bool IsNodeOperator { get; set; }
    /// <summary>
    /// For an organisation known from federation (a STIX identity another node sent): that node's name. Such an
    /// organisation owns what it reported, but has no users or keys here.
    /// </summary>
    public string? HomeNode { get; set; }
    /// <summary>
    /// For an organisation of another node: the one peer that may send its objects here — the peer that introduced it
    /// (relaying it from further away), until its home node sends it directly and takes over for good.
    /// </summary>
    public string? SpokenForBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
