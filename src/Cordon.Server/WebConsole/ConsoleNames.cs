using Cordon.Core.Cases;
using Cordon.Core.Identifiers;
using Cordon.Core.Indicators;

namespace Cordon.Server.WebConsole;

/// <summary>The English names (localisation keys) of the vocabularies shown in the console.</summary>
public static class ConsoleNames
{
    public static string Of(IdentifierType type) => type switch
    {
        IdentifierType.Phone => "Phone number",
        IdentifierType.BankAccount => "Bank account",
        IdentifierType.PaymentCard => "Payment card",
        IdentifierType.CryptoWallet => "Crypto wallet",
        IdentifierType.Domain => "Domain",
        IdentifierType.Url => "Link",
        IdentifierType.Ip => "IP address",
        IdentifierType.Email => "Email address",
        IdentifierType.FileHash => "File hash",
        IdentifierType.Device => "Device",
        IdentifierType.Handle => "Social media handle",
        IdentifierType.App => "App",
    };

    public static string Of(Category category) => category switch
    {
        Category.InvestmentScam => "Investment scam",
        Category.ImpersonationOfOfficials => "Impersonation of officials",
        Category.Romance => "Romance scam",
        Category.JobTaskScam => "Job or task scam",
        Category.Shopping => "Shopping scam",
        Category.Phishing => "Phishing",
        Category.Sextortion => "Sextortion",
        Category.Loan => "Loan scam",
        Category.OnlineGambling => "Online gambling",
        Category.MoneyMule => "Money mule",
        Category.Ransomware => "Ransomware",
        Category.Hacking => "Hacking",
        Category.AccountTakeover => "Account takeover",
        Category.Malware => "Malware",
        Category.SimBox => "SIM box",
        Category.Other => "Other",
    };

    public static string Of(CaseStatus status) => status switch
    {
        CaseStatus.Open => "Open",
        CaseStatus.UnderInvestigation => "Under investigation",
        _ => "Closed",
    };
}
