"""PDF downloads (audit report, management review pack); wired when the models exist."""

urlpatterns = []
