using Cordon.Store.Entities;
using Microsoft.EntityFrameworkCore;

namespace Cordon.Store;

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
    public DbSet<Observable> Observables => Set<Observable>();
    public DbSet<Indicator> Indicators => Set<Indicator>();
    public DbSet<IndicatorCommunity> IndicatorCommunities => Set<IndicatorCommunity>();
    public DbSet<Sighting> Sightings => Set<Sighting>();
    public DbSet<FalsePositiveReport> FalsePositiveReports => Set<FalsePositiveReport>();
    public DbSet<ResponseRequest> Requests => Set<ResponseRequest>();
    public DbSet<RequestTransition> RequestTransitions => Set<RequestTransition>();
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

    public abstract StoreProvider Provider { get; }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Organisation>(entity =>
        {
            entity.ToTable("organisations");
            entity.Property(o => o.Id).ValueGeneratedNever();
            entity.Property(o => o.Name).HasMaxLength(200);
            entity.Property(o => o.Sector).HasConversion<string>().HasMaxLength(32);
            entity.Property(o => o.Country).HasMaxLength(2);
            entity.Property(o => o.HomeNode).HasMaxLength(200);
            entity.Property(o => o.SpokenForBy).HasMaxLength(200);
            entity.HasIndex(o => o.Name).IsUnique();
        });
        modelBuilder.Entity<Community>(entity =>
        {
            entity.ToTable("communities");
            entity.Property(c => c.Id).ValueGeneratedNever();
            entity.Property(c => c.Name).HasMaxLength(200);
            entity.HasIndex(c => c.Name).IsUnique();
            entity.HasMany(c => c.Members).WithOne().HasForeignKey(m => m.CommunityId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<CommunityMember>(entity =>
        {
            entity.ToTable("community_members");
            entity.HasKey(m => new { m.CommunityId, m.OrganisationId });
            entity.HasOne<Organisation>().WithMany().HasForeignKey(m => m.OrganisationId).OnDelete(DeleteBehavior.Restrict);
            entity.HasIndex(m => m.OrganisationId);
        });
        modelBuilder.Entity<User>(entity =>
        {
            entity.ToTable("users");
            entity.Property(u => u.Id).ValueGeneratedNever();
            entity.Property(u => u.Email).HasMaxLength(254);
            entity.Property(u => u.DisplayName).HasMaxLength(200);
            entity.HasIndex(u => u.Email).IsUnique();
            entity.HasOne<Organisation>().WithMany().HasForeignKey(u => u.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<ApiKey>(entity =>
        {
            entity.ToTable("api_keys");
            entity.Property(k => k.Id).ValueGeneratedNever();
            entity.Property(k => k.Name).HasMaxLength(200);
            entity.Property(k => k.Prefix).HasMaxLength(16);
            entity.HasIndex(k => k.Prefix);
            entity.HasIndex(k => k.OrganisationId);
            entity.HasOne<Organisation>().WithMany().HasForeignKey(k => k.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<AuditRecord>(entity =>
        {
            entity.ToTable("audit_records");
            entity.HasKey(a => a.Sequence);
            entity.Property(a => a.Sequence).ValueGeneratedNever();
            entity.Property(a => a.ActorKind).HasMaxLength(16);
            entity.Property(a => a.ActorId).HasMaxLength(64);
            entity.Property(a => a.Action).HasMaxLength(64);
            entity.Property(a => a.ItemType).HasMaxLength(64);
            entity.Property(a => a.PreviousHash).HasMaxLength(64);
            entity.Property(a => a.Hash).HasMaxLength(64);
            entity.HasIndex(a => a.OrganisationId);
        });
        modelBuilder.Entity<AuditHead>(entity =>
        {
            entity.ToTable("audit_head");
            entity.Property(h => h.Id).ValueGeneratedNever();
            entity.Property(h => h.Hash).HasMaxLength(64);
        });
        ConfigureIndicators(modelBuilder);
        ConfigureResponse(modelBuilder);
    }

    private static void ConfigureResponse(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ResponseRequest>(entity =>
        {
            entity.ToTable("response_requests");
            entity.Property(r => r.Id).ValueGeneratedNever();
            entity.Property(r => r.Kind).HasConversion<string>().HasMaxLength(16);
            entity.Property(r => r.Priority).HasConversion<string>().HasMaxLength(16);
            entity.Property(r => r.State).HasConversion<string>().HasMaxLength(16);
            entity.Property(r => r.Currency).HasMaxLength(3);
            entity.Property(r => r.OutcomeCurrency).HasMaxLength(3);
            entity.Property(r => r.TransactionRef).HasMaxLength(200);
            entity.Property(r => r.CaseRef).HasMaxLength(200);
            entity.Property(r => r.LegalBasis).HasMaxLength(2000);
            entity.Property(r => r.Description).HasMaxLength(4000);
            entity.Property(r => r.Outcome).HasMaxLength(2000);
            entity.Property(r => r.DeclineReason).HasMaxLength(2000);
            entity.Property(r => r.Amount).HasPrecision(20, 4);
            entity.Property(r => r.AmountFrozen).HasPrecision(20, 4);
            entity.Property(r => r.Version).IsConcurrencyToken();
            entity.HasIndex(r => r.SenderId);
            entity.HasIndex(r => r.RecipientId);
            entity.HasIndex(r => r.State);
        });
        modelBuilder.Entity<RequestTransition>(entity =>
        {
            entity.ToTable("request_transitions");
            entity.Property(t => t.Id).ValueGeneratedNever();
            entity.Property(t => t.From).HasConversion<string>().HasMaxLength(16);
            entity.Property(t => t.To).HasConversion<string>().HasMaxLength(16);
            entity.Property(t => t.ByActor).HasMaxLength(64);
            entity.Property(t => t.Note).HasMaxLength(2000);
            entity.HasOne<ResponseRequest>().WithMany().HasForeignKey(t => t.RequestId).OnDelete(DeleteBehavior.Cascade);
            entity.HasIndex(t => t.RequestId);
        });
        modelBuilder.Entity<OutboxMessage>(entity =>
        {
            entity.ToTable("outbox_messages");
            entity.Property(m => m.Id).ValueGeneratedNever();
            entity.Property(m => m.EventType).HasMaxLength(64);
            entity.HasIndex(m => new { m.OrganisationId, m.Sequence, m.Index });
        });
        modelBuilder.Entity<WebhookSubscription>(entity =>
        {
            entity.ToTable("webhook_subscriptions");
            entity.Property(w => w.Id).ValueGeneratedNever();
            entity.Property(w => w.Url).HasMaxLength(2048);
            entity.Property(w => w.Secret).HasMaxLength(128);
            entity.HasIndex(w => w.OrganisationId);
        });
        modelBuilder.Entity<WebhookDelivery>(entity =>
        {
            entity.ToTable("webhook_deliveries");
            entity.Property(d => d.Id).ValueGeneratedNever();
            entity.Property(d => d.LastError).HasMaxLength(500);
            entity.HasOne<OutboxMessage>().WithMany().HasForeignKey(d => d.MessageId).OnDelete(DeleteBehavior.Cascade);
            entity.HasOne<WebhookSubscription>().WithMany().HasForeignKey(d => d.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
            entity.HasIndex(d => new { d.DeliveredAt, d.DeadAt, d.NextAttemptAt });
        });
    }

    private static void ConfigureFederation(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<FederationPeer>(entity =>
        {
            entity.ToTable("federation_peers");
            entity.Property(p => p.Id).ValueGeneratedNever();
            entity.Property(p => p.Name).HasMaxLength(200);
            entity.Property(p => p.ApiRoot).HasMaxLength(2048);
            entity.Property(p => p.CollectionId).HasMaxLength(200);
            entity.Property(p => p.Direction).HasConversion<string>().HasMaxLength(8);
            entity.Property(p => p.Username).HasMaxLength(200);
            entity.Property(p => p.Secret).HasMaxLength(1000);
            entity.Property(p => p.PullCursor).HasMaxLength(40);
            entity.Property(p => p.LastError).HasMaxLength(2000);
            entity.HasOne<Organisation>().WithMany().HasForeignKey(p => p.OrganisationId).OnDelete(DeleteBehavior.Restrict);
            entity.HasIndex(p => p.Name).IsUnique();
            entity.HasIndex(p => p.OrganisationId).IsUnique();
        });
        modelBuilder.Entity<Feed>(entity =>
        {
            entity.ToTable("feeds");
            entity.Property(f => f.Id).ValueGeneratedNever();
            entity.Property(f => f.Name).HasMaxLength(200);
            entity.Property(f => f.Kind).HasConversion<string>().HasMaxLength(8);
            entity.Property(f => f.Location).HasMaxLength(2048);
            entity.Property(f => f.Type).HasConversion<string>().HasMaxLength(16);
            entity.Property(f => f.Tlp).HasConversion<string>().HasMaxLength(16);
            entity.Property(f => f.Distribution).HasConversion<string>().HasMaxLength(16);
            entity.Property(f => f.CollectionId).HasMaxLength(200);
            entity.Property(f => f.Username).HasMaxLength(200);
            entity.Property(f => f.Secret).HasMaxLength(1000);
            entity.Property(f => f.LastError).HasMaxLength(2000);
            entity.HasOne<Organisation>().WithMany().HasForeignKey(f => f.OrganisationId).OnDelete(DeleteBehavior.Restrict);
            entity.HasIndex(f => f.Name).IsUnique();
            entity.HasIndex(f => f.OrganisationId).IsUnique();
        });
        modelBuilder.Entity<TaxiiStatus>(entity =>
        {
            entity.ToTable("taxii_statuses");
            entity.Property(s => s.Id).ValueGeneratedNever();
        });
        modelBuilder.Entity<KeptStixObject>(entity =>
        {
            entity.ToTable("kept_stix_objects");
            entity.HasKey(k => k.StixId);
            entity.Property(k => k.StixId).HasMaxLength(300);
            entity.Property(k => k.Type).HasMaxLength(250);
            entity.Property(k => k.Tlp).HasConversion<string>().HasMaxLength(16);
            entity.Property(k => k.Reason).HasMaxLength(1000);
            entity.Property(k => k.OriginNode).HasMaxLength(200);
            entity.HasIndex(k => k.ReceivedAt);
        });
    }

    private static void ConfigureIndicators(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Observable>(entity =>
        {
            entity.ToTable("observables");
            entity.Property(o => o.Id).ValueGeneratedNever();
            entity.Property(o => o.Type).HasConversion<string>().HasMaxLength(16);
            entity.Property(o => o.Value).HasMaxLength(2048);
            entity.Property(o => o.Display).HasMaxLength(2048);
            entity.Property(o => o.RegistrableDomain).HasMaxLength(253);
            entity.HasIndex(o => new { o.Type, o.Value }).IsUnique();
            entity.HasIndex(o => o.RegistrableDomain);
        });
        modelBuilder.Entity<Indicator>(entity =>
        {
            entity.ToTable("indicators");
            entity.Property(i => i.Id).ValueGeneratedNever();
            entity.Property(i => i.OriginalValue).HasMaxLength(2048);
            entity.Property(i => i.Tlp).HasConversion<string>().HasMaxLength(16);
            entity.Property(i => i.Distribution).HasConversion<string>().HasMaxLength(16);
            entity.HasOne(i => i.Observable).WithMany().HasForeignKey(i => i.ObservableId).OnDelete(DeleteBehavior.Restrict);
            entity.HasOne<Organisation>().WithMany().HasForeignKey(i => i.OrganisationId).OnDelete(DeleteBehavior.Restrict);
            entity.HasMany(i => i.Communities).WithOne().HasForeignKey(c => c.IndicatorId).OnDelete(DeleteBehavior.Cascade);
            entity.HasIndex(i => new { i.ObservableId, i.OrganisationId }).IsUnique();
            entity.HasIndex(i => i.OrganisationId);
            entity.HasIndex(i => i.ChangeSequence);
            entity.Property(i => i.OriginNode).HasMaxLength(200);
            entity.HasIndex(i => new { i.DateAdded, i.Id });
        });
        modelBuilder.Entity<IndicatorCommunity>(entity =>
        {
            entity.ToTable("indicator_communities");
            entity.HasKey(c => new { c.IndicatorId, c.CommunityId });
            entity.HasOne<Community>().WithMany().HasForeignKey(c => c.CommunityId).OnDelete(DeleteBehavior.Restrict);
            entity.HasIndex(c => c.CommunityId);
        });
        modelBuilder.Entity<Sighting>(entity =>
        {
            entity.ToTable("sightings");
            entity.Property(s => s.Id).ValueGeneratedNever();
            entity.Property(s => s.Where).HasMaxLength(200);
            entity.HasOne<Indicator>().WithMany().HasForeignKey(s => s.IndicatorId).OnDelete(DeleteBehavior.Cascade);
            entity.HasOne<Organisation>().WithMany().HasForeignKey(s => s.OrganisationId).OnDelete(DeleteBehavior.Restrict);
            entity.HasIndex(s => s.IndicatorId);
        });
        ConfigureCases(modelBuilder);
        ConfigureFederation(modelBuilder);
        modelBuilder.Entity<FalsePositiveReport>(entity =>
        {
            entity.ToTable("false_positive_reports");
            entity.Property(f => f.Id).ValueGeneratedNever();
            entity.Property(f => f.Reason).HasMaxLength(1000);
            entity.HasOne<Indicator>().WithMany().HasForeignKey(f => f.IndicatorId).OnDelete(DeleteBehavior.Cascade);
            entity.HasOne<Organisation>().WithMany().HasForeignKey(f => f.OrganisationId).OnDelete(DeleteBehavior.Restrict);
            entity.HasIndex(f => f.IndicatorId);
        });
    }

    private static void ConfigureCases(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Case>(entity =>
        {
            entity.ToTable("cases");
            entity.Property(c => c.Id).ValueGeneratedNever();
            entity.Property(c => c.Category).HasConversion<string>().HasMaxLength(32);
            entity.Property(c => c.LossAmount).HasPrecision(20, 4);
            entity.Property(c => c.LossCurrency).HasMaxLength(3);
            entity.Property(c => c.VictimCountry).HasMaxLength(2);
            entity.Property(c => c.Reference).HasMaxLength(200);
            entity.Property(c => c.Summary).HasMaxLength(4000);
            entity.Property(c => c.Status).HasConversion<string>().HasMaxLength(32);
            entity.Property(c => c.Tlp).HasConversion<string>().HasMaxLength(16);
            entity.Property(c => c.Distribution).HasConversion<string>().HasMaxLength(16);
            entity.HasOne<Organisation>().WithMany().HasForeignKey(c => c.OrganisationId).OnDelete(DeleteBehavior.Restrict);
            entity.HasMany(c => c.Communities).WithOne().HasForeignKey(c => c.CaseId).OnDelete(DeleteBehavior.Cascade);
            entity.HasMany(c => c.Identifiers).WithOne().HasForeignKey(c => c.CaseId).OnDelete(DeleteBehavior.Cascade);
            entity.HasIndex(c => c.OrganisationId);
        });
        modelBuilder.Entity<CaseCommunity>(entity =>
        {
            entity.ToTable("case_communities");
            entity.HasKey(c => new { c.CaseId, c.CommunityId });
            entity.HasOne<Community>().WithMany().HasForeignKey(c => c.CommunityId).OnDelete(DeleteBehavior.Restrict);
            entity.HasIndex(c => c.CommunityId);
        });
        modelBuilder.Entity<CaseIdentifier>(entity =>
        {
            entity.ToTable("case_identifiers");
            entity.HasKey(c => new { c.CaseId, c.ObservableId });
            entity.HasOne(c => c.Observable).WithMany().HasForeignKey(c => c.ObservableId).OnDelete(DeleteBehavior.Restrict);
            entity.HasIndex(c => c.ObservableId);
            entity.HasIndex(c => c.Sequence);
        });
        modelBuilder.Entity<CaseNote>(entity =>
        {
            entity.ToTable("case_notes");
            entity.Property(n => n.Id).ValueGeneratedNever();
            entity.Property(n => n.Author).HasMaxLength(200);
            entity.Property(n => n.Text).HasMaxLength(4000);
            entity.HasOne<Case>().WithMany().HasForeignKey(n => n.CaseId).OnDelete(DeleteBehavior.Cascade);
            entity.HasIndex(n => n.CaseId);
        });
        modelBuilder.Entity<CaseAttachment>(entity =>
        {
            entity.ToTable("case_attachments");
            entity.Property(a => a.Id).ValueGeneratedNever();
            entity.Property(a => a.FileName).HasMaxLength(255);
            entity.Property(a => a.MediaType).HasMaxLength(127);
            entity.Property(a => a.Sha256).HasMaxLength(64);
            entity.Property(a => a.Author).HasMaxLength(200);
            entity.HasOne<Case>().WithMany().HasForeignKey(a => a.CaseId).OnDelete(DeleteBehavior.Cascade);
            entity.HasIndex(a => a.CaseId);
        });
        modelBuilder.Entity<NonCorrelatingObservable>(entity =>
        {
            entity.ToTable("non_correlating_observables");
            entity.HasKey(n => n.ObservableId);
            entity.HasOne<Observable>().WithMany().HasForeignKey(n => n.ObservableId).OnDelete(DeleteBehavior.Cascade);
            entity.Property(n => n.Reason).HasMaxLength(1000);
            entity.Property(n => n.MarkedBy).HasMaxLength(200);
        });
    }
}
