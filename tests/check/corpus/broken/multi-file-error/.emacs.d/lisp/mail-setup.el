(setq send-mail-function 'smtpmail-send-it)
(add-to-list 'smtpmail-auth-supported 'login)
(setq smtpmail-smtp-server "smtp.example.org")
(provide 'mail-setup)
