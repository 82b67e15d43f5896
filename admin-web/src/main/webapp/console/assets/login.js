// Tells why the login page is shown again: a refused password, or a logout.
(function () {
  var params = new URLSearchParams(window.location.search);
  var message = document.getElementById('login-message');
  if (params.has('failed')) {
    message.textContent = 'Wrong user name or password.';
    message.hidden = false;
    document.getElementById('password').focus();
  } else if (params.has('out')) {
    message.textContent = 'You have signed out.';
    message.className = 'form-note';
    message.hidden = false;
  }
})();
