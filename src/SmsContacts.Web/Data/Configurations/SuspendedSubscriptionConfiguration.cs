using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Data.Configurations;

internal sealed class SuspendedSubscriptionConfiguration : IEntityTypeConfiguration<SuspendedSubscription>
{
    public void Configure(EntityTypeBuilder<SuspendedSubscription> builder)
    {
        builder.Property(s => s.Keyword).HasMaxLength(30);
        builder.HasOne<Contact>().WithMany(c => c.SuspendedSubscriptions).HasForeignKey(s => s.ContactId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(s => s.List).WithMany().HasForeignKey(s => s.ListId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => new { s.ContactId, s.ListId }).IsUnique();
    }
}
