using Cordon.Core.Indicators;

namespace Cordon.Server.Public;

/// <summary>What to tell a member of the public, per category of what the network knows.</summary>
public static class PublicAdvice
{
    public const string General =
        "Stop. Do not pay, do not share codes or passwords, and do not install apps at a stranger's request. " +
        "Call your bank or the police on a number you looked up yourself.";

    public static string For(Category category) => category switch
    {
        Category.ImpersonationOfOfficials =>
            "No police officer, prosecutor or customs officer will ask you to move money to a 'safe account' or to keep a call secret.",
        Category.InvestmentScam => "Guaranteed high returns are a lie. Check that an investment firm is licensed before you pay anything.",
        Category.Romance => "Never send money to someone you have only met online, however long you have talked.",
        Category.JobTaskScam => "Real jobs never ask you to pay first or to 'top up' to unlock your earnings.",
        Category.Shopping => "Pay with a method that protects buyers; avoid bank transfers to shops you do not know.",
        Category.Phishing => "Do not enter passwords or card details on this site. Open your bank's website by typing its address yourself.",
        Category.Sextortion => "Do not pay. Stop replying, keep the messages, and report it to the police and the platform.",
        Category.Loan => "Lenders that ask for an upfront fee or access to your contacts are scams.",
        Category.OnlineGambling => "Illegal gambling sites keep deposits and use your account to launder money.",
        Category.MoneyMule => "Do not let anyone use your bank account to receive or pass on money: it is a crime, even if you are paid.",
        Category.Ransomware => "Do not pay. Disconnect affected devices and report it to the police.",
        Category.Hacking or Category.AccountTakeover =>
            "Change your passwords, turn on two-step verification and tell your bank if payment details may be exposed.",
        Category.Malware => "Do not install or open it. Remove apps you installed at a stranger's request.",
        Category.SimBox => "Calls from this number may be routed illegally to hide the caller; do not trust what the caller claims.",
        Category.Other => General,
    };
}
