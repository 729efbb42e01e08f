using Cordon.Core.Identifiers;

namespace Cordon.Core.Sharing;

/// <summary>
/// What may leave this node for one federation peer: TLPs, identifier types and categories as bit flags (0 for types or
/// categories means all). TLP:RED and TLP:AMBER+STRICT never leave, whatever the flags say, and neither do payment
/// cards (the node holds only a keyed hash of a card number, which would mean nothing elsewhere).
/// </summary>
public sealed record PeerRules(string PeerName, int AllowedTlps, int AllowedTypes, int AllowedCategories)
{
    public static int Flag(Tlp tlp) => 1 << (int)tlp;

    public static int Flag(IdentifierType type) => 1 << (int)type;

    /// <summary>The TLPs a node may ever hand to another node.</summary>
    public static bool MayEverLeave(Tlp tlp) => tlp is Tlp.Clear or Tlp.Green or Tlp.Amber;

    /// <summary>The identifier types a node may ever hand to another node.</summary>
    public static bool MayEverLeave(IdentifierType type) => type != IdentifierType.PaymentCard;

    public bool AllowsTlp(Tlp tlp) => MayEverLeave(tlp) && (AllowedTlps & Flag(tlp)) != 0;

    public bool AllowsType(IdentifierType type) => MayEverLeave(type) && (AllowedTypes == 0 || (AllowedTypes & Flag(type)) != 0);

    public bool AllowsCategories(int categoryFlags) => AllowedCategories == 0 || (AllowedCategories & categoryFlags) != 0;
}
