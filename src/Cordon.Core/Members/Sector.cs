namespace Cordon.Core.Members;

/// <summary>The kind of institution an organisation is (PRODUCT.md §1).</summary>
public enum Sector
{
    LawEnforcement,
    Bank,
    Payment,
    Crypto,
    Telecom,
    Isp,
    Registrar,
    Platform,
    Other,
}
