;; Emacs 29 style
(setopt user-mail-address "erin@example.org")
(setopt send-mail-function 'smtpmail-send-it)
(setopt smtpmail-smtp-server "smtp.example.org"
        smtpmail-smtp-service 587)
