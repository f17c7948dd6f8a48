;;; my-mail.el --- Mail setup -*- lexical-binding: t -*-

;;; Commentary:
;; notmuch for reading, smtpmail for sending; loaded a second after start-up.

;;; Code:

(setq user-full-name "Bruna Alves"
      user-mail-address "bruna@alves.pt")

;;;; smtpmail
(use-package smtpmail
  :defer 1
  :config
  (setq smtpmail-default-smtp-server "smtp.mailbox.org"
        smtpmail-smtp-server "smtp.mailbox.org"
        smtpmail-stream-type 'ssl
        smtpmail-smtp-service 465
        smtpmail-queue-mail nil))

;;;; sendmail
(use-package sendmail
  :defer 1
  :config
  (setq send-mail-function 'smtpmail-send-it))

;;;; notmuch
(use-package notmuch
  :defer 1
  :load-path "/usr/share/emacs/site-lisp/"
  :config
  (setq notmuch-identities '("Bruna Alves <bruna@alves.pt>")
        notmuch-fcc-dirs '(("bruna@alves.pt" . "mailbox/Sent +sent -unread"))))

(setq message-send-mail-function 'message-smtpmail-send-it)

(provide 'my-mail)
;;; my-mail.el ends here

;; Local Variables:
;; byte-compile-warnings: (not free-vars unresolved)
;; End:
