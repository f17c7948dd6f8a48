(custom-set-variables
 ;; custom-set-variables was added by Custom.
 ;; If you edit it by hand, you could mess it up, so be careful.
 '(inhibit-startup-screen t)
 '(send-mail-function 'smtpmail-send-it)
 '(smtpmail-smtp-server "mail.example.org")
 '(smtpmail-smtp-service 587)
 '(smtpmail-stream-type 'starttls)
 '(user-mail-address "alice@example.org")
 '(user-full-name "Alice Example"))
(custom-set-faces
 ;; custom-set-faces was added by Custom.
 )
