using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Data.Configurations;

internal sealed class ContactListConfiguration : IEntityTypeConfiguration<ContactList>
{
    public void Configure(EntityTypeBuilder<ContactList> builder)
    {
        builder.ToTable("Lists");
        builder.Property(l => l.Name).HasMaxLength(100);
        builder.Property(l => l.WelcomeMessage).HasMaxLength(480);
        builder.HasOne(l => l.SenderCode).WithMany(s => s.Lists).HasForeignKey(l => l.SenderCodeId).OnDelete(DeleteBehavior.NoAction);
        builder.HasIndex(l => new { l.SenderCodeId, l.Name }).IsUnique();
    }
}
