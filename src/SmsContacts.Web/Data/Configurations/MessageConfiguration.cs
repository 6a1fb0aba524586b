using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Data.Configurations;

internal sealed class MessageConfiguration : IEntityTypeConfiguration<Message>
{
    public void Configure(EntityTypeBuilder<Message> builder)
    {
        builder.Property(m => m.Phone).HasMaxLength(16);
        builder.Property(m => m.Body).HasMaxLength(Message.MaxBodyLength);
        builder.Property(m => m.ProviderMessageId).HasMaxLength(64);
        builder.Property(m => m.ErrorCode).HasMaxLength(16);
        builder.Property(m => m.OptOutType).HasMaxLength(16);

        // Only one applier may apply a stored text: the one whose UPDATE still finds it pending.
        builder.Property(m => m.ApplyPendingSinceUtc).IsConcurrencyToken();
        builder.Ignore(m => m.IsApplyPending);
        builder.HasOne<SenderCode>().WithMany().HasForeignKey(m => m.SenderCodeId).OnDelete(DeleteBehavior.NoAction);
        builder.HasOne(m => m.Contact).WithMany().HasForeignKey(m => m.ContactId).OnDelete(DeleteBehavior.NoAction);

        // A replayed webhook carries the same MessageSid: the unique index makes the replay a no-op.
        builder.HasIndex(m => m.ProviderMessageId).IsUnique();
        builder.HasIndex(m => new { m.ContactId, m.CreatedUtc });
        builder.HasIndex(m => m.SenderCodeId);

        // The outbound queue: the sender sweeps Queued rows, a tiny slice of a large table. The filter is
        // plain SQL both providers accept, and queries name the status as a constant so the index applies.
        builder.HasIndex(m => m.Status).HasDatabaseName("IX_Messages_Queued").HasFilter("Status = 0");

        // Inbound texts stored but not applied yet, per number, in arrival order: a handful at any time. Queries
        // say "ApplyPendingSinceUtc != null" (IS NOT NULL), which SQLite needs to see to use a partial index.
        builder.HasIndex(m => new { m.SenderCodeId, m.Phone, m.Id }).HasDatabaseName("IX_Messages_ApplyPending").HasFilter("\"ApplyPendingSinceUtc\" IS NOT NULL");
    }
}

internal sealed class ConsentEventConfiguration : IEntityTypeConfiguration<ConsentEvent>
{
    public void Configure(EntityTypeBuilder<ConsentEvent> builder)
    {
        // The triggers (created in the initial migrations) refuse UPDATE and DELETE; EF must know they exist.
        builder.ToTable(t =>
        {
            t.HasTrigger(AppendOnlyTriggers.NoUpdate);
            t.HasTrigger(AppendOnlyTriggers.NoDelete);
            t.HasTrigger(ListActivitySql.SqliteTrigger);
            t.HasTrigger(GridDateCountsSql.ConsentEventsInsert);
        });
        builder.Property(e => e.Phone).HasMaxLength(16);
        builder.Property(e => e.Change).HasMaxLength(40);
        builder.Property(e => e.ListName).HasMaxLength(100);
        builder.Property(e => e.StateBefore).HasMaxLength(100);
        builder.Property(e => e.StateAfter).HasMaxLength(100);
        builder.Property(e => e.UserId).HasMaxLength(450);
        builder.Property(e => e.UserName).HasMaxLength(256);
        builder.Property(e => e.MessageSid).HasMaxLength(64);
        builder.Property(e => e.Detail).HasMaxLength(2000);
        builder.Property(e => e.ConsentNote).HasMaxLength(ConsentNotes.MaxLength);

        // Contacts are never deleted; RESTRICT makes sure their history could not cascade away if one were.
        builder.HasOne(e => e.Contact).WithMany().HasForeignKey(e => e.ContactId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(e => new { e.ContactId, e.OccurredUtc });
    }
}

internal sealed class OptOutReviewConfiguration : IEntityTypeConfiguration<OptOutReview>
{
    public void Configure(EntityTypeBuilder<OptOutReview> builder)
    {
        builder.Property(r => r.Phone).HasMaxLength(16);
        builder.Property(r => r.Reason).HasMaxLength(300);
        builder.Property(r => r.DecidedByUserId).HasMaxLength(450);
        builder.Property(r => r.DecidedByUserName).HasMaxLength(256);
        builder.Property(r => r.DecidedUtc).IsConcurrencyToken();
        builder.HasOne<SenderCode>().WithMany().HasForeignKey(r => r.SenderCodeId).OnDelete(DeleteBehavior.NoAction);
        builder.HasOne(r => r.Message).WithMany().HasForeignKey(r => r.MessageId).OnDelete(DeleteBehavior.NoAction);
        builder.HasOne(r => r.Contact).WithMany().HasForeignKey(r => r.ContactId).OnDelete(DeleteBehavior.NoAction);

        // One review per text; the list and its count badge read the open ones of a sender code.
        builder.HasIndex(r => r.MessageId).IsUnique();
        builder.HasIndex(r => new { r.SenderCodeId, r.CreatedUtc }).HasDatabaseName("IX_OptOutReviews_Open").HasFilter("\"DecidedUtc\" IS NULL");
        builder.HasIndex(r => new { r.SenderCodeId, r.DecidedUtc });
    }
}

/// <summary>
/// Read by the SMS List Dashboard, written only by the trigger on ConsentEvents (<see cref="ListActivitySql"/>): the
/// app never adds, changes or removes a row itself.
/// </summary>
internal sealed class ListActivityConfiguration : IEntityTypeConfiguration<ListActivity>
{
    public void Configure(EntityTypeBuilder<ListActivity> builder)
    {
        builder.ToTable("ListActivity");
        builder.HasKey(a => new { a.SenderCodeId, a.BucketMinutes, a.BucketStartUtc, a.ListId, a.Kind, a.Detail });
    }
}

/// <summary>
/// Read by the SMS List Dashboard's links into the grid, written only by triggers on Subscriptions (<see cref="GridDateCountsSql"/>).
/// </summary>
internal sealed class SubscribeDateCountConfiguration : IEntityTypeConfiguration<SubscribeDateCount>
{
    public void Configure(EntityTypeBuilder<SubscribeDateCount> builder) =>
        builder.HasKey(c => new { c.SenderCodeId, c.BucketMinutes, c.BucketStartUtc, c.ListId });
}

/// <summary>
/// Read by the SMS List Dashboard's links into the Opted-Out tab, written only by triggers on Contacts and ConsentEvents
/// (<see cref="GridDateCountsSql"/>). No foreign keys: ListId 0 is the whole sender code, and a deleted list's rows are
/// simply not read.
/// </summary>
internal sealed class OptOutDateCountConfiguration : IEntityTypeConfiguration<OptOutDateCount>
{
    public void Configure(EntityTypeBuilder<OptOutDateCount> builder) =>
        builder.HasKey(c => new { c.SenderCodeId, c.BucketMinutes, c.BucketStartUtc, c.ListId, c.Reason });
}

/// <summary>Database triggers (created by the initial migrations) that make ConsentEvents append-only for anyone, not just this app.</summary>
public static class AppendOnlyTriggers
{
    public const string NoUpdate = "ConsentEvents_NoUpdate";
    public const string NoDelete = "ConsentEvents_NoDelete";
}
