;;; -*- lexical-binding: t -*-
(require 'mu4e)
(let ((count 0))
  (setq mu4e-contexts
        (list (make-mu4e-context
               :name "s1"
               :enter-func (lambda ()
                             (setq count (1+ count))
                             (setq smtpmail-smtp-service (+ 586 count)))
               :vars '((user-mail-address . "sam@s1.example")
                       (smtpmail-smtp-server . "smtp.s1.example")))
              (make-mu4e-context
               :name "s2"
               :vars '((user-mail-address . "sam@s2.example")
                       (smtpmail-smtp-server . "smtp.s2.example")
                       (smtpmail-smtp-service . 25))))))
(setq send-mail-function 'smtpmail-send-it)
