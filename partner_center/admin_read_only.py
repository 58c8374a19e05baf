"""Service-owned fields are read-only in every admin (partner_center/service_owned.py).

Every ModelAdmin and inline of the project mixes this in, first: whatever the admin lists in
`readonly_fields`, the model's service-owned fields are added, so a field a service writes
(a status, a total, a count, the denormalised feedback, an audit row) is shown but never a form
field, for any staff user, superusers included. Changes to them go through the services (admin
actions and the reply form), which check, lock and audit.
"""

from django.contrib.admin.options import BaseModelAdmin

from .service_owned import service_owned_fields


class ServiceOwnedReadOnly(BaseModelAdmin):
    def get_readonly_fields(self, request, obj=None):
        listed = list(super().get_readonly_fields(request, obj))
        owned = service_owned_fields(self.model)
        return [*listed, *sorted(owned - set(listed))]
