(custom-set-variables
 '(smtpmail-smtp-server "smtp.example.org")
 '(smtpmail-smtp-service 587)
 '(user-mail-address "bob@example.org"))
(custom-set-faces)
