;; emacs: smtpmail-auth-supported (cram-md5 plain login)
;; emacs: smtpmail-smtp-server "smtp.example.org"
(setq user-mail-address "dave@example.org"
      send-mail-function 'smtpmail-send-it)

(with-eval-after-load 'smtpmail
  (setq smtpmail-smtp-server "smtp.example.org"
        smtpmail-smtp-service 587)
  (add-to-list 'smtpmail-auth-supported 'login))
