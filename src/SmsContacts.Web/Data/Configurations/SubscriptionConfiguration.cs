using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Data.Configurations;

internal sealed class SubscriptionConfiguration : IEntityTypeConfiguration<Subscription>
{
    public void Configure(EntityTypeBuilder<Subscription> builder)
    {
        builder.ToTable(t =>
        {
            foreach (var trigger in GridTriggers.OnSubscriptions.Concat(GridDateCountsSql.OnSubscriptions).Concat(GridDayCountsSql.OnSubscriptions))
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
