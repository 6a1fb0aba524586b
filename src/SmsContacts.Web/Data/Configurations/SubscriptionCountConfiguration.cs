using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Data.Configurations;

internal sealed class SubscriptionCountConfiguration : IEntityTypeConfiguration<SubscriptionCount>
{
    public void Configure(EntityTypeBuilder<SubscriptionCount> builder)
    {
        builder.HasKey(c => new { c.ListId, c.HasEmail, c.Block, c.PhoneLead });
        builder.Property(c => c.Block).HasMaxLength(5);
        builder.Property(c => c.PhoneLead).HasMaxLength(SubscriptionCount.PhoneLeadLength);
        builder.HasOne<ContactList>().WithMany().HasForeignKey(c => c.ListId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<SenderCode>().WithMany().HasForeignKey(c => c.SenderCodeId).OnDelete(DeleteBehavior.NoAction);

        // All Lists: a sender code's blocks in email order, each block's leads together.
        builder.HasIndex(c => new { c.SenderCodeId, c.HasEmail, c.Block, c.PhoneLead });
    }
}
