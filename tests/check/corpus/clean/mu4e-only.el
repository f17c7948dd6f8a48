;; Every mail setting lives in mu4e's contexts: they apply once mu4e loads.
(with-eval-after-load 'mu4e
  (setq send-mail-function 'smtpmail-send-it
        message-send-mail-function 'smtpmail-send-it)
  (setq mu4e-contexts
        (list (make-mu4e-context
               :name "work"
               :match-func (lambda (msg) t)
               :vars '((user-mail-address . "alice@corp.example.com")
                       (smtpmail-smtp-server . "smtp.corp.example.com")
                       (smtpmail-smtp-service . 587))))))
