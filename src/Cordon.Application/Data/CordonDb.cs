using Cordon.Application.Audit;
using Cordon.Application.Cases;
using Cordon.Application.Federation;
using Cordon.Application.Feeds;
using Cordon.Application.Indicators;
using Cordon.Application.Members;
using Cordon.Application.Response;
using Microsoft.EntityFrameworkCore;

namespace Cordon.Application.Data;

/// <summary>The one EF Core model of a Cordon node, shared by every provider.</summary>
public abstract class CordonDb(DbContextOptions options) : DbContext(options)
{
    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<Community> Communities => Set<Community>();
    public DbSet<CommunityMember> CommunityMembers => Set<CommunityMember>();
    public DbSet<User> Users => Set<User>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<AuditRecord> AuditRecords => Set<AuditRecord>();
    public DbSet<AuditHead> AuditHeads => Set<AuditHead>();
    public DbSet<AuditTreeNode> AuditTree => Set<AuditTreeNode>();
    public DbSet<AuditItemContent> AuditContents => Set<AuditItemContent>();
    public DbSet<NodeSigningKey> SigningKeys => Set<NodeSigningKey>();
    public DbSet<WitnessReport> WitnessReports => Set<WitnessReport>();
    public DbSet<Observable> Observables => Set<Observable>();
    public DbSet<Indicator> Indicators => Set<Indicator>();
    public DbSet<IndicatorCommunity> IndicatorCommunities => Set<IndicatorCommunity>();
    public DbSet<Sighting> Sightings => Set<Sighting>();
    public DbSet<FalsePositiveReport> FalsePositiveReports => Set<FalsePositiveReport>();
    public DbSet<ResponseRequest> Requests => Set<ResponseRequest>();
    public DbSet<RequestTransition> RequestTransitions => Set<RequestTransition>();
    public DbSet<RequestEscalation> RequestEscalations => Set<RequestEscalation>();
    public DbSet<Screening.Interception> Interceptions => Set<Screening.Interception>();
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<WebhookSubscription> WebhookSubscriptions => Set<WebhookSubscription>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();
    public DbSet<Case> Cases => Set<Case>();
    public DbSet<CaseCommunity> CaseCommunities => Set<CaseCommunity>();
    public DbSet<CaseIdentifier> CaseIdentifiers => Set<CaseIdentifier>();
    public DbSet<CaseNote> CaseNotes => Set<CaseNote>();
    public DbSet<CaseAttachment> CaseAttachments => Set<CaseAttachment>();
    public DbSet<NonCorrelatingObservable> NonCorrelating => Set<NonCorrelatingObservable>();
    public DbSet<FederationPeer> Peers => Set<FederationPeer>();
    public DbSet<TaxiiStatus> TaxiiStatuses => Set<TaxiiStatus>();
    public DbSet<KeptStixObject> KeptStixObjects => Set<KeptStixObject>();
    public DbSet<Feed> Feeds => Set<Feed>();
    public DbSet<Bulletins.Bulletin> Bulletins => Set<Bulletins.Bulletin>();
    public DbSet<Bulletins.BulletinAcknowledgement> BulletinAcknowledgements => Set<Bulletins.BulletinAcknowledgement>();
    public DbSet<Bulletins.BulletinAttachment> BulletinAttachments => Set<Bulletins.BulletinAttachment>();
    public DbSet<Operations.Operation> Operations => Set<Operations.Operation>();
    public DbSet<Operations.OperationParticipant> OperationParticipants => Set<Operations.OperationParticipant>();
    public DbSet<Operations.OperationTarget> OperationTargets => Set<Operations.OperationTarget>();
    public DbSet<Operations.OperationTask> OperationTasks => Set<Operations.OperationTask>();
    public DbSet<Operations.OperationResult> OperationResults => Set<Operations.OperationResult>();
    public DbSet<Operations.OperationUpdate> OperationUpdates => Set<Operations.OperationUpdate>();

    public abstract StoreProvider Provider { get; }

    /// <summary>Each capability configures its own entities, in its own folder.</summary>
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        MembersModel.Configure(modelBuilder);
        AuditModel.Configure(modelBuilder);
        IndicatorsModel.Configure(modelBuilder);
        ResponseModel.Configure(modelBuilder);
        CasesModel.Configure(modelBuilder);
        FederationModel.Configure(modelBuilder);
        FeedsModel.Configure(modelBuilder);
        Application.Bulletins.BulletinsModel.Configure(modelBuilder);
        Application.Operations.OperationsModel.Configure(modelBuilder);
        Application.Screening.ScreeningModel.Configure(modelBuilder);
    }
}
