from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("account/", views.account, name="account"),
    path("language/", views.language, name="language"),
    path("i18n/", include("django.conf.urls.i18n")),
]
