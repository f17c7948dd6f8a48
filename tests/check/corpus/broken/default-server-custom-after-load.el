;; expect: 8:4 warning default-server-after-load
;; expect: 7:4 error no-server
;; status: 78
;; emacs: smtpmail-smtp-server nil
(require 'smtpmail)
(custom-set-variables
 '(send-mail-function 'smtpmail-send-it)
 '(smtpmail-default-smtp-server "smtp.example.org")
 '(user-mail-address "alice@example.org"))
