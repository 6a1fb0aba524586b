using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Data;

/// <summary>
/// The unit of work. The model is the same for both providers; each provider has its own
/// derived context only so that its migrations can live beside the other's
/// (<see cref="SqliteAppDbContext"/>, <see cref="SqlServerAppDbContext"/>).
///
/// To change the model, edit an entity and its configuration, then add a migration for BOTH providers:
///   dotnet ef migrations add Name --project src/SmsContacts.Web --context SqliteAppDbContext --output-dir Data/Migrations/Sqlite
///   dotnet ef migrations add Name --project src/SmsContacts.Web --context SqlServerAppDbContext --output-dir Data/Migrations/SqlServer
/// </summary>
public abstract class AppDbContext(DbContextOptions options)
    : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    public DbSet<SenderCode> SenderCodes => Set<SenderCode>();

    public DbSet<ContactList> Lists => Set<ContactList>();

    public DbSet<ListKeyword> ListKeywords => Set<ListKeyword>();

    public DbSet<Contact> Contacts => Set<Contact>();

    public DbSet<Subscription> Subscriptions => Set<Subscription>();

    public DbSet<SubscriptionCount> SubscriptionCounts => Set<SubscriptionCount>();

    /// <summary>Subscriptions now per list and block of the phone order, kept by triggers (see <see cref="SubscriptionPhoneCount"/>).</summary>
    public DbSet<SubscriptionPhoneCount> SubscriptionPhoneCounts => Set<SubscriptionPhoneCount>();

    public DbSet<SuspendedSubscription> SuspendedSubscriptions => Set<SuspendedSubscription>();

    public DbSet<CustomFieldDefinition> CustomFields => Set<CustomFieldDefinition>();

    public DbSet<CustomFieldValue> CustomFieldValues => Set<CustomFieldValue>();

    public DbSet<Message> Messages => Set<Message>();

    public DbSet<ConsentEvent> ConsentEvents => Set<ConsentEvent>();

    public DbSet<OptOutReview> OptOutReviews => Set<OptOutReview>();

    /// <summary>Daily, hourly and quarter-hourly counts of the consent history per list, kept by a trigger (see <see cref="Data.ListActivity"/>).</summary>
    public DbSet<ListActivity> ListActivity => Set<ListActivity>();

    /// <summary>Subscriptions now per list and UTC day / quarter hour of their Subscribe Date, kept by triggers (see <see cref="SubscribeDateCount"/>).</summary>
    public DbSet<SubscribeDateCount> SubscribeDateCounts => Set<SubscribeDateCount>();

    /// <summary>Subscriptions now per list, UTC day of their Subscribe Date and phone lead, kept by triggers (see <see cref="SubscribeDayCount"/>).</summary>
    public DbSet<SubscribeDayCount> SubscribeDayCounts => Set<SubscribeDayCount>();

    /// <summary>Opted-out numbers now per list left, reason and UTC day / quarter hour of their Opt-out Date, kept by triggers (see <see cref="OptOutDateCount"/>).</summary>
    public DbSet<OptOutDateCount> OptOutDateCounts => Set<OptOutDateCount>();

    public DbSet<ImportRecord> Imports => Set<ImportRecord>();

    public DbSet<ImportRejectedRow> ImportRejectedRows => Set<ImportRejectedRow>();

    public DbSet<ImportWarningRow> ImportWarningRows => Set<ImportWarningRow>();

    /// <summary>What each import changed and what it was before (written by the bulk writers, read by Undo import).</summary>
    public DbSet<ImportJournalEntry> ImportJournal => Set<ImportJournalEntry>();

    public DbSet<ImportJournalFieldValue> ImportJournalFieldValues => Set<ImportJournalFieldValue>();

    public DbSet<ImportJournalSubscription> ImportJournalSubscriptions => Set<ImportJournalSubscription>();

    public DbSet<ImportUndo> ImportUndos => Set<ImportUndo>();

    /// <summary>The wizard's Preview of a draft import: its counts and progress (written by the bulk writers in preview mode).</summary>
    public DbSet<ImportPreview> ImportPreviews => Set<ImportPreview>();

    public DbSet<ImportPreviewRow> ImportPreviewRows => Set<ImportPreviewRow>();

    public DbSet<ExportRecord> Exports => Set<ExportRecord>();

    public DbSet<SavedImportLayout> SavedImportLayouts => Set<SavedImportLayout>();

    public DbSet<UserColumnPreference> UserColumnPreferences => Set<UserColumnPreference>();

    public DbSet<SignInThrottle> SignInThrottles => Set<SignInThrottle>();

    public DbSet<SiteSettings> SiteSettings => Set<SiteSettings>();

    public DbSet<UserSenderCode> UserSenderCodes => Set<UserSenderCode>();

    public DbSet<DataProtectionKey> DataProtectionKeys { get; set; } = null!;

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every timestamp is UTC; SQLite forgets the kind, so give it back on the way out.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RefuseConsentHistoryRewrites();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RefuseConsentHistoryRewrites();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    private void RefuseConsentHistoryRewrites()
    {
        foreach (var entry in ChangeTracker.Entries<ConsentEvent>())
        {
            if (entry.State is EntityState.Modified or EntityState.Deleted)
            {
                throw new InvalidOperationException("Consent history is append-only; events are never changed or deleted.");
            }
        }
    }
}

public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options) : AppDbContext(options);

public sealed class SqlServerAppDbContext(DbContextOptions<SqlServerAppDbContext> options) : AppDbContext(options);

internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    value => value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value,
    value => DateTime.SpecifyKind(value, DateTimeKind.Utc));
