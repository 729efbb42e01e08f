using Cordon.Core.Cases;
using Cordon.Core.Identifiers;
using Cordon.Core.Indicators;
using Cordon.Core.Members;
using Cordon.Core.Response;

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

    public static string Of(Sector sector) => sector switch
    {
        Sector.LawEnforcement => "Law enforcement",
        Sector.Bank => "Bank",
        Sector.Payment => "Payment provider",
        Sector.Crypto => "Crypto-asset provider",
        Sector.Telecom => "Telecom operator",
        Sector.Isp => "Internet service provider",
        Sector.Registrar => "Registrar",
        Sector.Platform => "Platform",
        Sector.Other => "Other",
    };

    public static string Of(RequestKind kind) => kind switch
    {
        RequestKind.FreezeFunds => "Freeze funds",
        RequestKind.BlockNumber => "Block number",
        RequestKind.Takedown => "Take down",
        RequestKind.PreserveData => "Preserve data",
        RequestKind.UnderAttack => "Member under attack",
    };

    public static string Of(Priority priority) => priority switch
    {
        Priority.Critical => "Critical",
        Priority.High => "High",
        Priority.Normal => "Normal",
    };

    public static string Of(RequestState state) => state switch
    {
        RequestState.Sent => "Sent",
        RequestState.Acknowledged => "Acknowledged",
        RequestState.InProgress => "In progress",
        RequestState.Actioned => "Actioned",
        RequestState.Declined => "Declined",
        RequestState.Withdrawn => "Withdrawn",
        RequestState.Expired => "Expired",
    };

    public static string Of(Core.Screening.Channel channel) => channel switch
    {
        Core.Screening.Channel.Payment => "Payment",
        Core.Screening.Channel.Call => "Call",
        Core.Screening.Channel.Sms => "SMS",
        Core.Screening.Channel.Message => "Message",
        _ => "Website",
    };

    public static string Of(Core.Screening.InterceptionOutcome outcome) => outcome switch
    {
        Core.Screening.InterceptionOutcome.Stopped => "Stopped",
        Core.Screening.InterceptionOutcome.Warned => "Warned",
        _ => "Allowed",
    };

    public static string Of(Breach breach) => breach switch
    {
        Breach.Acknowledge => "Acknowledgement deadline missed",
        Breach.Action => "Action deadline missed",
        Breach.Expiry => "Expired unanswered",
    };

    public static string Of(EscalationTarget target) => target switch
    {
        EscalationTarget.RecipientAdmins => "the recipient's administrators",
        EscalationTarget.NodeOperator => "the node operator",
        EscalationTarget.Organisation => "the named contact",
    };

    public static string Of(RequestAction action) => action switch
    {
        RequestAction.Acknowledge => "Acknowledge",
        RequestAction.Start => "Start",
        RequestAction.Action => "Mark actioned",
        RequestAction.Decline => "Decline",
        RequestAction.Withdraw => "Withdraw",
        RequestAction.Expire => "Expire",
    };

    public static string Of(Application.Bulletins.Severity severity) => severity switch
    {
        Application.Bulletins.Severity.Low => "Low",
        Application.Bulletins.Severity.Medium => "Medium",
        Application.Bulletins.Severity.High => "High",
        Application.Bulletins.Severity.Critical => "Critical",
    };

    public static string Of(Application.Bulletins.AcknowledgementKind kind) => kind switch
    {
        Application.Bulletins.AcknowledgementKind.Read => "Read",
        Application.Bulletins.AcknowledgementKind.Acted => "Acted",
    };

    public static string Of(Application.Operations.OperationStatus status) => status switch
    {
        Application.Operations.OperationStatus.Planning => "Planning",
        Application.Operations.OperationStatus.Active => "Active",
        Application.Operations.OperationStatus.Closed => "Closed",
    };

    public static string Of(Application.Operations.ParticipantRole role) => role switch
    {
        Application.Operations.ParticipantRole.Lead => "Lead",
        Application.Operations.ParticipantRole.Participant => "Participant",
        Application.Operations.ParticipantRole.Observer => "Observer",
    };

    public static string Of(Application.Operations.TaskState state) => state switch
    {
        Application.Operations.TaskState.Open => "Open",
        Application.Operations.TaskState.Done => "Done",
        Application.Operations.TaskState.Cancelled => "Cancelled",
    };

    public static string Of(Application.Operations.TargetKind kind) => kind switch
    {
        Application.Operations.TargetKind.Case => "Case",
        Application.Operations.TargetKind.Ring => "Ring",
        Application.Operations.TargetKind.Indicator => "Indicator",
    };

    /// <summary>A results-board measure by its wire name (reported measures and those the requests give).</summary>
    public static string Measure(string measure) => measure switch
    {
        "requests_sent" => "Requests sent",
        "requests_actioned" => "Requests actioned",
        "data_preserved" => "Data preserved",
        "arrests" => "Arrests",
        "suspects_identified" => "Suspects identified",
        "victims_contacted" => "Victims contacted",
        "accounts_frozen" => "Accounts frozen",
        "numbers_blocked" => "Numbers blocked",
        "domains_taken_down" => "Domains taken down",
        "devices_seized" => "Devices seized",
        "amount_frozen" => "Amount frozen",
        "amount_seized" => "Amount seized",
        "amount_returned" => "Amount returned",
        _ => measure,
    };
}
