;;; init.el  -*- lexical-binding: t -*-

(require 'cl-lib)

(defconst my/mail-settings
  '((send-mail-function . smtpmail-send-it)
    (message-send-mail-function . smtpmail-send-it)
    (smtpmail-smtp-server . "smtp.mailbox.org")
    (smtpmail-smtp-service . 465)
    (smtpmail-stream-type . ssl))
  "Variable/value pairs for sending mail.")

(dolist (pair my/mail-settings)
  (set (car pair) (cdr pair)))

(cl-loop for (var . val) in '((user-full-name . "Ayşe Demir")
                              (user-mail-address . "ayse@demir.com.tr"))
         do (set-default var val))

(mapc (lambda (x) (customize-set-variable (car x) (cadr x)))
      '((smtpmail-smtp-user "ayse@demir.com.tr")
        (smtpmail-queue-mail nil)))

(pcase-dolist (`(,var . ,val) '((mail-specify-envelope-from . t)
                                (mail-envelope-from . header)))
  (set var val))

(let ((extra '("--tls" "on")))
  (setq message-sendmail-extra-arguments extra))

(seq-doseq (dir ["~/Mail/queue" "~/Mail/drafts"])
  (ignore dir))

(setq mail-sources
      (cl-loop for user in '("ayse" "ayse.demir")
               collect `(imap :server "imap.mailbox.org" :user ,user :stream tls)))
