;; expect: .authinfo:2 error authinfo-malformed
;; status: 78
;; emacs-auth: smtp.example.org 587 error
(setq send-mail-function 'smtpmail-send-it
      smtpmail-smtp-server "smtp.example.org"
      smtpmail-smtp-service 587
      user-mail-address "alice@example.org")
