using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Data.Configurations;

/// <summary>Read by the grid's Subscribe Date order, written only by triggers on Subscriptions (<see cref="GridDayCountsSql"/>).</summary>
internal sealed class SubscribeDayCountConfiguration : IEntityTypeConfiguration<SubscribeDayCount>
{
    public void Configure(EntityTypeBuilder<SubscribeDayCount> builder)
    {
        // A list's leads, each lead's days in order (a search reads its leads' ranges); the same for All Lists of a sender code.
        builder.HasKey(c => new { c.ListId, c.PhoneLead, c.DayUtc });
        builder.Property(c => c.PhoneLead).HasMaxLength(SubscribeDayCount.PhoneLeadLength);
        builder.HasOne<ContactList>().WithMany().HasForeignKey(c => c.ListId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<SenderCode>().WithMany().HasForeignKey(c => c.SenderCodeId).OnDelete(DeleteBehavior.NoAction);
        builder.HasIndex(c => new { c.SenderCodeId, c.PhoneLead, c.DayUtc });
    }
}
