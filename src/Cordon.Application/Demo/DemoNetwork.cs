using System.Text;
using System.Text.Json;
using Cordon.Application.Data;
using Cordon.Application.Indicators.Import;
using Cordon.Application.Members;
using Cordon.Core.Errors;
using Cordon.Core.Identifiers;
using Cordon.Core.Indicators;
using Cordon.Core.Members;
using Cordon.Core.Sharing;
using Cordon.Core.Text;
using Microsoft.EntityFrameworkCore;

namespace Cordon.Application.Demo;

/// <summary>A member of the demo network, with the key and console users (an analyst and an administrator) created for it.</summary>
public sealed record DemoMember(Guid Id, string Name, Sector Sector, string Country, string Key, string UserEmail, string AdminEmail);

public sealed record DemoResult(IReadOnlyList<DemoMember> Members, string NodeAdminEmail, string UserPassword, long Indicators,
    long EthPhishingDomains, IReadOnlyList<(IdentifierType Type, string Value)> KnownBad);

/// <summary>
/// Seeds a small, realistic network: a police anti-fraud centre, two banks, a telecom and a crypto exchange in four
/// countries, two communities, a key and a console user per member, and a few thousand indicators of every type
/// (deterministic), two bulletins in English and Chinese (one of them public advice), an active joint operation, plus
/// the real eth-phishing-detect blacklist when its config file is given.
/// </summary>
public sealed class DemoNetwork(CordonDb db, MemberDirectory directory, IndicatorImporter importer, CallerDirectory callers,
    Bulletins.BulletinService bulletins, Operations.OperationService operations)
{
    public const string UserPassword = "demo-password-2026";
    public const int IndicatorsPerMember = 700;
    public const string NodeAdminEmail = "admin@node.demo";

    private static readonly (string Name, Sector Sector, string Country, string Email)[] Members =
    [
        ("Anti-Deception Centre (HK Police)", Sector.LawEnforcement, "HK", "analyst@adcc.demo"),
        ("Harbour Bank", Sector.Bank, "HK", "analyst@harbourbank.demo"),
        ("Thames Bank", Sector.Bank, "GB", "analyst@thamesbank.demo"),
        ("Lion Telecom", Sector.Telecom, "SG", "analyst@liontelecom.demo"),
        ("Rhein Crypto Exchange", Sector.Crypto, "DE", "analyst@rheincrypto.demo"),
    ];

    /// <summary>Values every demo member reports, so that the network view shows several reporters and countries.</summary>
    public static readonly (IdentifierType Type, string Value)[] KnownBad =
    [
        (IdentifierType.Phone, "+44 7700 900123"),
        (IdentifierType.Phone, "+852 9123 4567"),
        (IdentifierType.BankAccount, "GB33BUKB20201555555555"),
        (IdentifierType.BankAccount, "HK:004:123-456789-001"),
        (IdentifierType.Domain, "hk-police-verify.com"),
        (IdentifierType.CryptoWallet, "0x52908400098527886E0F7030069857D2E4169EE7"),
    ];

    public async Task<DemoResult> SeedAsync(Actor nodeAdmin, Stream? ethPhishingDetectConfig, CancellationToken cancellationToken = default)
    {
        if (await db.Organisations.AnyAsync(o => o.Name == Members[0].Name, cancellationToken))
        {
            throw new ConflictException("The demo network is already in this store.");
        }
        var members = new List<DemoMember>();
        foreach (var (name, sector, country, email) in Members)
        {
            var organisation = await directory.CreateOrganisationAsync(nodeAdmin, name, sector, country, cancellationToken: cancellationToken);
            var key = await directory.CreateKeyAsync(nodeAdmin, organisation.Id, "demo key", [Role.Analyst, Role.Responder],
                cancellationToken: cancellationToken);
            await directory.CreateUserAsync(nodeAdmin, organisation.Id, email, $"{name} analyst", [Role.Analyst, Role.Responder],
                UserPassword, cancellationToken);
            var adminEmail = email.Replace("analyst@", "admin@", StringComparison.Ordinal);
            await directory.CreateUserAsync(nodeAdmin, organisation.Id, adminEmail, $"{name} administrator", [Role.Admin],
                UserPassword, cancellationToken);
            members.Add(new DemoMember(organisation.Id, name, sector, country, key.Secret, email, adminEmail));
        }
        await directory.CreateUserAsync(nodeAdmin, nodeAdmin.OrganisationId, NodeAdminEmail, "Node administrator", [Role.Admin],
            UserPassword, cancellationToken);
        var apac = await directory.CreateCommunityAsync(nodeAdmin, "APAC anti-fraud",
            [members[0].Id, members[1].Id, members[3].Id], cancellationToken);
        await directory.CreateCommunityAsync(nodeAdmin, "Banks", [members[1].Id, members[2].Id], cancellationToken);

        var generator = new DemoIndicators(seed: 2026);
        long indicators = 0;
        foreach (var member in members)
        {
            var actor = new Actor(member.Id, ActorKind.Cli, "demo", RoleSet.ToFlags([Role.Analyst]), IsNodeOperator: false);
            var lines = Rows(generator, member);
            using var stream = new MemoryStream(Encoding.UTF8.GetBytes(string.Join('\n', lines)));
            var report = await importer.ImportAsync(actor, stream, ImportFormat.Jsonl,
                new ImportDefaults(Communities: member.Id == members[2].Id || member.Id == members[4].Id ? null : [apac.Id]),
                "demo", null, cancellationToken);
            indicators += report.Created;
        }
        await CooperationAsync(members, cancellationToken);
        long ethDomains = 0;
        if (ethPhishingDetectConfig is not null)
        {
            var police = new Actor(members[0].Id, ActorKind.Cli, "demo", RoleSet.ToFlags([Role.Analyst]), IsNodeOperator: false);
            var report = await importer.ImportAsync(police, ethPhishingDetectConfig, ImportFormat.EthPhishingDetect,
                new ImportDefaults(Confidence: 70), "demo:eth-phishing-detect", null, cancellationToken);
            ethDomains = report.Created + report.Updated;
        }
        return new DemoResult(members, NodeAdminEmail, UserPassword, indicators, ethDomains, KnownBad);
    }

    /// <summary>The police centre's bulletins (Chinese and English) and the joint operation it leads with a bank and the telecom.</summary>
    private async Task CooperationAsync(List<DemoMember> members, CancellationToken cancellationToken)
    {
        var (police, harbour, thames, lion) = (members[0], members[1], members[2], members[3]);
        var centre = new Caller(new Actor(police.Id, ActorKind.Cli, "demo", RoleSet.ToFlags([Role.Analyst, Role.Responder]), IsNodeOperator: false),
            await callers.ViewerAsync(police.Id, cancellationToken));
        var impersonation = await bulletins.PublishAsync(centre, new Bulletins.BulletinInput("zh-Hans", "冒充警察来电诈骗",
            "骗徒冒充警员，称受害人涉及洗钱案件，要求把存款转入“安全账户”。",
            "## 手法\n来电显示为本地号码，对方能说出受害人的身份证号码。\n\n## 识别\n警方**不会**要求市民转账到任何账户。",
            "bank: 暂停向新收款人的大额转账并致电客户核实\ntelecom: 拦截显示为警署号码的境外来电", Bulletins.Severity.High,
            [Category.ImpersonationOfOfficials], ["HK", "MO"], [Sector.Bank, Sector.Telecom], Tlp.Green, Distribution.Node, null, null, null), cancellationToken);
        await bulletins.TranslateAsync(centre, impersonation.Bulletin.Id, new Bulletins.TranslationInput("en", "Fake police phone calls",
            "Callers pose as officers, say the victim is part of a money-laundering case and ask for savings to be moved to a 'safe account'.",
            "## How it works\nThe call shows a local number and the caller knows the victim's ID number.\n\n## How to tell\nThe police **never** ask anyone to transfer money.",
            "bank: hold large transfers to new payees and call the customer\ntelecom: block overseas calls that show a police station's number"), cancellationToken);
        var investment = await bulletins.PublishAsync(centre, new Bulletins.BulletinInput("en", "Fake investment apps promising daily returns",
            "Victims are added to chat groups, shown fake profits, then asked to pay 'taxes' before they can withdraw.",
            "## Warning signs\n- Returns of 1% or more a day\n- An app not in the official stores\n- Fees to release your own money",
            null, Bulletins.Severity.Medium, [Category.InvestmentScam], ["HK", "GB", "SG"], [Sector.Bank, Sector.Crypto], Tlp.Clear, Distribution.Node,
            null, null, null, PublicAdvice: true), cancellationToken);
        await bulletins.TranslateAsync(centre, investment.Bulletin.Id, new Bulletins.TranslationInput("zh-Hans", "承诺每日回报的虚假投资应用",
            "受害人被拉进聊天群，看到虚假盈利，提现前被要求先缴“税款”。",
            "## 警示信号\n- 每日回报达 1% 或以上\n- 应用不在官方应用商店\n- 要求先付费才能提取自己的钱", null), cancellationToken);

        var operation = await operations.CreateAsync(centre, new Operations.OperationInput("Operation Harbour Lights",
            "Trace and freeze the mule accounts behind the fake police calls; block the spoofed numbers; arrest the local callers.",
            ["HK", "SG", "GB"], DateTimeOffset.UtcNow.AddDays(-7), DateTimeOffset.UtcNow.AddDays(53),
            [new(harbour.Id, Operations.ParticipantRole.Participant), new(lion.Id, Operations.ParticipantRole.Participant),
                new(thames.Id, Operations.ParticipantRole.Observer)]), cancellationToken);
        var id = operation.Operation.Id;
        await operations.ChangeAsync(centre, id, new Operations.OperationChange(null, null, null, null, null, Operations.OperationStatus.Active), cancellationToken);
        await operations.AddTaskAsync(centre, id, new Operations.TaskInput("Trace the SIM boxes behind the spoofed calls", lion.Id,
            DateTimeOffset.UtcNow.AddDays(5)), cancellationToken);
        await operations.ReportResultAsync(centre, id, new Operations.ResultInput(Operations.ResultMeasure.Arrests, 4, null, "HK", "Call-centre raid"),
            cancellationToken);
        await operations.ReportResultAsync(centre, id, new Operations.ResultInput(Operations.ResultMeasure.VictimsContacted, 37, null, "HK", null),
            cancellationToken);
    }

    private static IEnumerable<string> Rows(DemoIndicators generator, DemoMember member)
    {
        var inApac = member.Country is "HK" or "SG";
        foreach (var (type, value) in KnownBad)
        {
            yield return Row(type, value, [Category.ImpersonationOfOfficials, Category.MoneyMule], 90, Tlp.Green, Distribution.Node);
        }
        var types = TypesFor(member.Sector);
        for (var i = 0; i < IndicatorsPerMember; i++)
        {
            var type = generator.Pick(types);
            var categories = CategoriesFor(type, generator);
            var (tlp, distribution) = generator.Next(10) switch
            {
                0 => (Tlp.Clear, Distribution.Node),
                1 => (Tlp.Red, Distribution.Organisation),
                2 or 3 when inApac => (Tlp.Amber, Distribution.Communities),
                4 => (Tlp.AmberStrict, Distribution.Organisation),
                _ => (Tlp.Green, Distribution.Node),
            };
            yield return Row(type, generator.Value(type, member.Country), categories, 40 + generator.Next(60), tlp, distribution);
        }
    }

    private static string Row(IdentifierType type, string value, Category[] categories, int confidence, Tlp tlp, Distribution distribution) =>
        JsonSerializer.Serialize(new { type, value, categories, confidence, tlp, distribution }, CordonJson.Options);

    private static IdentifierType[] TypesFor(Sector sector) => sector switch
    {
        Sector.Bank => [IdentifierType.BankAccount, IdentifierType.BankAccount, IdentifierType.PaymentCard, IdentifierType.Phone,
            IdentifierType.Email, IdentifierType.Url],
        Sector.Telecom => [IdentifierType.Phone, IdentifierType.Phone, IdentifierType.Device, IdentifierType.Handle, IdentifierType.Ip],
        Sector.Crypto => [IdentifierType.CryptoWallet, IdentifierType.CryptoWallet, IdentifierType.Domain, IdentifierType.Url,
            IdentifierType.Email],
        _ => Enum.GetValues<IdentifierType>(),
    };

    private static Category[] CategoriesFor(IdentifierType type, DemoIndicators generator) => type switch
    {
        IdentifierType.BankAccount => [generator.Pick(Category.MoneyMule, Category.InvestmentScam, Category.Romance)],
        IdentifierType.PaymentCard => [Category.AccountTakeover],
        IdentifierType.CryptoWallet => [generator.Pick(Category.InvestmentScam, Category.Ransomware, Category.Sextortion)],
        IdentifierType.Domain or IdentifierType.Url or IdentifierType.Email => [generator.Pick(Category.Phishing, Category.Shopping, Category.InvestmentScam)],
        IdentifierType.Device => [Category.SimBox],
        IdentifierType.Ip or IdentifierType.FileHash => [generator.Pick(Category.Malware, Category.Hacking)],
        IdentifierType.App => [generator.Pick(Category.Loan, Category.InvestmentScam, Category.Malware)],
        _ => [generator.Pick(Category.ImpersonationOfOfficials, Category.JobTaskScam, Category.Romance, Category.OnlineGambling)],
    };
}
