using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Data.Configurations;

internal sealed class ContactConfiguration : IEntityTypeConfiguration<Contact>
{
    public void Configure(EntityTypeBuilder<Contact> builder)
    {
        builder.ToTable(t =>
        {
            foreach (var trigger in GridTriggers.OnContacts.Concat(GridDateCountsSql.OnContacts))
            {
                t.HasTrigger(trigger);
            }
        });
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

        // One contact per number per sender code; also serves "starts with" phone searches.
        builder.HasIndex(c => new { c.SenderCodeId, c.Phone }).IsUnique();

        // The grid's indexes (see GridIndexes): each in its sort's order, ending with the phone number.
        builder.HasIndex(c => new { c.SenderCodeId, c.Email, c.Phone }, GridIndexes.ContactsByEmail);

        // Opted-Out tab. Partial, so they hold that tab's rows only and count it without touching the others.
        builder.HasIndex(c => new { c.SenderCodeId, c.OptedOutUtc, c.Phone }, GridIndexes.OptedOutByDate).HasFilter(GridIndexes.OptedOutFilter);
        builder.HasIndex(c => new { c.SenderCodeId, c.OptOutReason, c.OptedOutUtc, c.Phone }, GridIndexes.OptedOutByReason).HasFilter(GridIndexes.OptedOutFilter);
        builder.HasIndex(c => new { c.SenderCodeId, c.Phone, c.OptOutReason }, GridIndexes.OptedOutByPhone).HasFilter(GridIndexes.OptedOutFilter);
        builder.HasIndex(c => new { c.SenderCodeId, c.Email, c.Phone, c.OptOutReason }, GridIndexes.OptedOutByEmail).HasFilter(GridIndexes.OptedOutFilter);

        // Other Contacts tab, likewise.
        builder.HasIndex(c => new { c.SenderCodeId, c.LastMessageUtc, c.Phone }, GridIndexes.OtherByLastMessage).HasFilter(GridIndexes.OtherFilter);
        builder.HasIndex(c => new { c.SenderCodeId, c.Phone }, GridIndexes.OtherByPhone).HasFilter(GridIndexes.OtherFilter);
        builder.HasIndex(c => new { c.SenderCodeId, c.Email, c.Phone }, GridIndexes.OtherByEmail).HasFilter(GridIndexes.OtherFilter);
    }
}

internal sealed class SubscriptionConfiguration : IEntityTypeConfiguration<Subscription>
{
    public void Configure(EntityTypeBuilder<Subscription> builder)
    {
        builder.ToTable(t =>
        {
            foreach (var trigger in GridTriggers.OnSubscriptions.Concat(GridDateCountsSql.OnSubscriptions))
            {
                t.HasTrigger(trigger);
            }
        });
        builder.Property(s => s.Phone).HasMaxLength(16);
        builder.Property(s => s.Keyword).HasMaxLength(30);

        // Kept by the database's triggers (GridTriggers): EF neither writes nor reads it back.
        var emailBlock = builder.Property(s => s.EmailBlock).HasMaxLength(4).Metadata;
        emailBlock.SetBeforeSaveBehavior(PropertySaveBehavior.Ignore);
        emailBlock.SetAfterSaveBehavior(PropertySaveBehavior.Ignore);

        builder.HasOne(s => s.Contact).WithMany(c => c.Subscriptions).HasForeignKey(s => s.ContactId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(s => s.List).WithMany().HasForeignKey(s => s.ListId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<SenderCode>().WithMany().HasForeignKey(s => s.SenderCodeId).OnDelete(DeleteBehavior.NoAction);

        builder.HasIndex(s => new { s.ContactId, s.ListId }).IsUnique();

        // The Contacts tab (GridIndexes): All Lists and one list, by phone and by subscribe date. The phone ones
        // also hold the email block, so a "starts with" search counts its rows per block from its phone ranges.
        builder.HasIndex(s => new { s.SenderCodeId, s.Phone, s.EmailBlock }, GridIndexes.SubscriptionsByPhone);
        builder.HasIndex(s => new { s.SenderCodeId, s.SubscribedUtc, s.Phone }, GridIndexes.SubscriptionsBySubscribeDate);
        builder.HasIndex(s => new { s.ListId, s.Phone, s.EmailBlock }, GridIndexes.ListByPhone);
        builder.HasIndex(s => new { s.ListId, s.SubscribedUtc, s.Phone }, GridIndexes.ListBySubscribeDate);
    }
}

internal sealed class SubscriptionCountConfiguration : IEntityTypeConfiguration<SubscriptionCount>
{
    public void Configure(EntityTypeBuilder<SubscriptionCount> builder)
    {
        builder.HasKey(c => new { c.ListId, c.HasEmail, c.Block });
        builder.Property(c => c.Block).HasMaxLength(5);
        builder.HasOne<ContactList>().WithMany().HasForeignKey(c => c.ListId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<SenderCode>().WithMany().HasForeignKey(c => c.SenderCodeId).OnDelete(DeleteBehavior.NoAction);

        // All Lists: a sender code's blocks in email order.
        builder.HasIndex(c => new { c.SenderCodeId, c.HasEmail, c.Block });
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
