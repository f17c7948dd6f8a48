;; expect: 8:3 warning default-server-after-load
;; expect: 7:3 error no-server
;; status: 78
;; emacs: smtpmail-smtp-server nil
(require 'smtpmail)
(custom-set-variables
 '(send-mail-function 'smtpmail-send-it)
 '(smtpmail-default-smtp-server "smtp.example.org")
 '(user-mail-address "alice@example.org"))
