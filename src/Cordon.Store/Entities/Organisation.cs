using Cordon.Core.Members;

namespace Cordon.Store.Entities;

public sealed class Organisation
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public Sector Sector { get; set; }
    public required string Country { get; set; }
    /// <summary>The organisation that runs this node; its admins administer the whole node.</summary>
    public bool IsNodeOperator { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
