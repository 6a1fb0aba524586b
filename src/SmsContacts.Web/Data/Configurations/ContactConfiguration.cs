using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Data.Configurations;

internal sealed class ContactConfiguration : IEntityTypeConfiguration<Contact>
{
    // Index filters are raw SQL: double-quoted identifiers are read the same by SQLite and SQL Server.
    private const string OptedOutOnly = "\"OptedOutUtc\" IS NOT NULL";

    public void Configure(EntityTypeBuilder<Contact> builder)
    {
        builder.Property(c => c.Phone).HasMaxLength(16);
        builder.Property(c => c.PhoneDigitsReversed).HasMaxLength(15);
        builder.Property(c => c.Email).HasMaxLength(254);
        builder.Property(c => c.FirstName).HasMaxLength(100);
        builder.Property(c => c.LastName).HasMaxLength(100);
        builder.Property(c => c.PostalCode).HasMaxLength(20);
        builder.Property(c => c.OtherReply).HasMaxLength(1600);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.Ignore(c => c.IsOptedOut);
        builder.HasOne<SenderCode>().WithMany().HasForeignKey(c => c.SenderCodeId).OnDelete(DeleteBehavior.NoAction);

        // One contact per number per sender code; also serves Phone sorting and prefix search.
        builder.HasIndex(c => new { c.SenderCodeId, c.Phone }).IsUnique();
        builder.HasIndex(c => new { c.SenderCodeId, c.Email });

        // Phone search: "ends with" digits as a range on the reversed digits.
        builder.HasIndex(c => new { c.SenderCodeId, c.PhoneDigitsReversed });

        // Opted-Out tab: filter by reason, sort by date. Partial (opted-out contacts only), so they are
        // small and SQLite cannot mistake them for a way to find the million contacts NOT opted out.
        builder.HasIndex(c => new { c.SenderCodeId, c.OptedOutUtc }).HasFilter(OptedOutOnly);
        builder.HasIndex(c => new { c.SenderCodeId, c.OptOutReason, c.OptedOutUtc }).HasFilter(OptedOutOnly);

        // Other Contacts tab: a partial index holding only those contacts, in Last Message Date order,
        // serves its count and its default page without touching the million others. The filter is
        // matches the tab's WHERE clause term for term.
        builder.HasIndex(c => new { c.SenderCodeId, c.LastMessageUtc }, "IX_Contacts_OtherContacts")
            .HasFilter("\"OtherReplyUtc\" IS NOT NULL AND \"OptedOutUtc\" IS NULL");
    }
}

internal sealed class SubscriptionConfiguration : IEntityTypeConfiguration<Subscription>
{
    public void Configure(EntityTypeBuilder<Subscription> builder)
    {
        builder.Property(s => s.Phone).HasMaxLength(16);
        builder.Property(s => s.Keyword).HasMaxLength(30);
        builder.HasOne(s => s.Contact).WithMany(c => c.Subscriptions).HasForeignKey(s => s.ContactId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(s => s.List).WithMany().HasForeignKey(s => s.ListId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<SenderCode>().WithMany().HasForeignKey(s => s.SenderCodeId).OnDelete(DeleteBehavior.NoAction);

        builder.HasIndex(s => new { s.ContactId, s.ListId }).IsUnique();

        // Contacts tab, All Lists: sort by phone or subscribe date straight off an index.
        builder.HasIndex(s => new { s.SenderCodeId, s.Phone });
        builder.HasIndex(s => new { s.SenderCodeId, s.SubscribedUtc });

        // Contacts tab filtered by one list.
        builder.HasIndex(s => new { s.ListId, s.Phone });
        builder.HasIndex(s => new { s.ListId, s.SubscribedUtc });
    }
}

internal sealed class SuspendedSubscriptionConfiguration : IEntityTypeConfiguration<SuspendedSubscription>
{
    public void Configure(EntityTypeBuilder<SuspendedSubscription> builder)
    {
        builder.Property(s => s.Keyword).HasMaxLength(30);
        builder.HasOne<Contact>().WithMany().HasForeignKey(s => s.ContactId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ContactList>().WithMany().HasForeignKey(s => s.ListId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => new { s.ContactId, s.ListId }).IsUnique();
    }
}
