using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Data.Configurations;

internal sealed class SubscriptionPhoneCountConfiguration : IEntityTypeConfiguration<SubscriptionPhoneCount>
{
    public void Configure(EntityTypeBuilder<SubscriptionPhoneCount> builder)
    {
        // One list's blocks in phone order (the triggers' upsert target, and the grid's list filter).
        builder.HasKey(c => new { c.ListId, c.Block });
        builder.Property(c => c.Block).HasMaxLength(SubscriptionPhoneCount.BlockLength);
        builder.HasOne<ContactList>().WithMany().HasForeignKey(c => c.ListId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<SenderCode>().WithMany().HasForeignKey(c => c.SenderCodeId).OnDelete(DeleteBehavior.NoAction);

        // All Lists: a sender code's blocks in phone order, the count in the index so the read never touches the table
        // (SQL Server would otherwise weigh a key lookup per block against scanning every sender code's counts).
        builder.HasIndex(c => new { c.SenderCodeId, c.Block, c.Subscriptions }, GridIndexes.PhoneCountsBySenderCode);
    }
}
